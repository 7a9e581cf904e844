package io.openpe.migration;

import io.openpe.testkit.health.KafkaDownContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(KafkaDownContract.UnreachableKafka.class)
class KafkaDownReadinessTest extends KafkaDownContract {
}
