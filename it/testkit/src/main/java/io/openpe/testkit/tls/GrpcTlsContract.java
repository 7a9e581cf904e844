package io.openpe.testkit.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a service's gRPC with mutual TLS from configuration alone (Quarkus's {@code quarkus.grpc.server.ssl.*},
 * the same keys for every service), with certificates made in the test. A client with a certificate the server's
 * trust store vouches for is served; one without a certificate, one with a certificate of another CA and a plain-text
 * one are refused. A module extends it with {@code @QuarkusTest @TestProfile(GrpcTlsContract.MutualTls.class)} and
 * names one cheap call of its service.
 */
public abstract class GrpcTlsContract {

    public static final TestCertificates CERTIFICATES = TestCertificates.create();

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

    /** One call of the service under test over {@code channel} (with a deadline); throws when it is refused. */
    protected abstract void call(ManagedChannel channel);

    @Test
    void aClientWithATrustedCertificateIsServed() throws Exception {
        ManagedChannel channel = tls(b -> b.keyManager(CERTIFICATES.clientCertificate().toFile(),
                CERTIFICATES.clientKey().toFile()));
        assertDoesNotThrow(() -> callThenClose(channel), "served over mutual TLS");
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        ManagedChannel channel = tls(UnaryOperator.identity());
        var e = assertThrows(StatusRuntimeException.class, () -> callThenClose(channel));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    @Test
    void aClientWithACertificateOfAnotherCaIsRefused() throws Exception {
        ManagedChannel channel = tls(b -> b.keyManager(CERTIFICATES.strangerCertificate().toFile(),
                CERTIFICATES.strangerKey().toFile()));
        var e = assertThrows(StatusRuntimeException.class, () -> callThenClose(channel));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    @Test
    void aPlainTextClientIsRefused() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", port()).usePlaintext().build();
        var e = assertThrows(StatusRuntimeException.class, () -> callThenClose(channel));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    }

    private static ManagedChannel tls(UnaryOperator<SslContextBuilder> clientKeys) throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(CERTIFICATES.ca().toFile());
        return NettyChannelBuilder.forAddress("localhost", port()).sslContext(clientKeys.apply(ssl).build()).build();
    }

    private void callThenClose(ManagedChannel channel) throws InterruptedException {
        try {
            call(channel);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
