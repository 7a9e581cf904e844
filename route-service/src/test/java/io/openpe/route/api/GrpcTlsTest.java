package io.openpe.route.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.openpe.testkit.tls.TestCertificates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: gRPC with TLS and mutual TLS from configuration alone (Quarkus's {@code quarkus.grpc.server.ssl.*}), with
 * certificates made in the test. A client with a certificate the server's trust store vouches for is served; one
 * without a certificate, one with a certificate of another CA and a plain-text one are refused.
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
    void aClientWithATrustedCertificateIsServed() throws Exception {
        ManagedChannel channel = tls(b -> b.keyManager(CERTIFICATES.clientCertificate().toFile(),
                CERTIFICATES.clientKey().toFile()));
        assertDoesNotThrow(() -> call(channel), "served over mutual TLS");
    }

    @Test
    void aClientWithoutACertificateIsRefused() {
        var e = assertThrows(StatusRuntimeException.class, () -> call(tls(UnaryOperator.identity())));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    @Test
    void aClientWithACertificateOfAnotherCaIsRefused() {
        var e = assertThrows(StatusRuntimeException.class, () -> call(tls(b -> b.keyManager(
                CERTIFICATES.strangerCertificate().toFile(), CERTIFICATES.strangerKey().toFile()))));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    @Test
    void aPlainTextClientIsRefused() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        var e = assertThrows(StatusRuntimeException.class, () -> call(channel));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    private ManagedChannel tls(UnaryOperator<SslContextBuilder> clientKeys) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(CERTIFICATES.ca().toFile());
        return NettyChannelBuilder.forAddress("localhost", port).sslContext(clientKeys.apply(ssl).build()).build();
    }

    private static io.openpe.route.v1.ListSessionsResponse call(ManagedChannel channel) throws InterruptedException {
        try {
            return RouteServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .listSessions(ListSessionsRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
