package io.openpe.intent.grpc;

import io.grpc.ManagedChannel;
import io.openpe.intent.v1.IntentServiceGrpc;
import io.openpe.intent.v1.ListRequest;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.openpe.testkit.tls.GrpcTlsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.TimeUnit;

/** intent-service's gRPC with mutual TLS from configuration alone (the shared contract). */
@QuarkusTest
@TestProfile(GrpcTlsContract.MutualTls.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class GrpcTlsTest extends GrpcTlsContract {

    @Override
    protected void call(ManagedChannel channel) {
        IntentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .list(ListRequest.getDefaultInstance());
    }
}
