package io.openpe.intent.grpc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.openpe.intent.v1.IntentServiceGrpc;
import io.openpe.intent.v1.ListRequest;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.openpe.testkit.tls.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: intent-service's gRPC with mutual TLS from configuration alone ({@code quarkus.grpc.server.ssl.*}), the
 * same keys as every service: a client with a certificate from the trusted CA is served, one without is refused.
 */
@QuarkusTest
@TestProfile(GrpcTlsTest.MutualTls.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class GrpcTlsTest {

    static final TestCertificates CERTIFICATES = TestCertificates.create();

    public static class MutualTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.server.ssl.certificate", CERTIFICATES.serverCertificate().toString(),
                    "quarkus.grpc.server.ssl.key", CERTIFICATES.serverKey().toString(),
                    "quarkus.grpc.server.ssl.trust-store", CERTIFICATES.trustStore().toString(),
                    "quarkus.grpc.server.ssl.trust-store-password", TestCertificates.TRUST_STORE_PASSWORD,
                    "quarkus.grpc.server.ssl.client-auth", "REQUIRED");
        }
    }

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    @Test
    void aClientWithATrustedCertificateIsServedAndOneWithoutIsRefused() throws Exception {
        ManagedChannel trusted = NettyChannelBuilder.forAddress("localhost", port).sslContext(GrpcSslContexts
                .forClient().trustManager(CERTIFICATES.ca().toFile()).keyManager(
                        CERTIFICATES.clientCertificate().toFile(), CERTIFICATES.clientKey().toFile()).build()).build();
        assertDoesNotThrow(() -> list(trusted), "served over mutual TLS");

        ManagedChannel anonymous = NettyChannelBuilder.forAddress("localhost", port).sslContext(GrpcSslContexts
                .forClient().trustManager(CERTIFICATES.ca().toFile()).build()).build();
        var e = assertThrows(StatusRuntimeException.class, () -> list(anonymous));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    private static void list(ManagedChannel channel) throws InterruptedException {
        try {
            IntentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .list(ListRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
