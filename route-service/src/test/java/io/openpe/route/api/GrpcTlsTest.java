package io.openpe.route.api;

import io.grpc.ManagedChannel;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.openpe.testkit.tls.GrpcTlsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.TimeUnit;

/** route-service's gRPC with mutual TLS from configuration alone (the shared contract). */
@QuarkusTest
@TestProfile(GrpcTlsContract.MutualTls.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class GrpcTlsTest extends GrpcTlsContract {

    @Override
    protected void call(ManagedChannel channel) {
        RouteServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .listSessions(ListSessionsRequest.getDefaultInstance());
    }
}
