package io.openpe.intent;

import io.openpe.testkit.health.HealthContract;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class HealthTest extends HealthContract {
}
