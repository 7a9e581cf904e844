package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.openpe.testkit.netns.Exec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: BMP liveness over real sockets. A session that goes silent is closed after openpe.bmp.idle-timeout; one
 * whose router vanishes (its link goes down, nothing answers) is ended by TCP keepalive. In both cases the routes
 * follow the session-loss rule (withdrawn after the re-sync grace). A second session from one address:
 * {@link BmpSessionReplacedTest}.
 */
@QuarkusTest
@TestProfile(BmpLivenessProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class BmpLivenessTest {

    @Inject
    BmpServer server;

    @Inject
    Routers routers;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aSilentSessionIsClosedAfterTheIdleTimeoutAndItsRoutesAreWithdrawn() {
        double before = closed("idle-timeout");
        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser());
             var silent = new BmpClient("127.0.0.81", server.port())) {
            silent.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            String key = evpn.await(r -> r.key().startsWith("local/127.0.0.81/") && r.value() != null).key();
            assertTrue(silent.closedByServer(), "closed by the server while the client still holds it open");
            evpn.awaitTombstone(key);
        }
        // Counted when the channel is inactive; the bound only ends a broken run.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> closed("idle-timeout") == before + 1);
    }

    /**
     * The router's namespace loses its link while its TCP connection is established: nothing answers the keepalive
     * probes, the kernel ends the connection after 1 s + 2 x 1 s, and the routes are withdrawn. Needs root.
     */
    @Test
    @Tag("root")
    void aVanishedRouterIsEndedByTcpKeepaliveAndItsRoutesAreWithdrawn() throws Exception {
        String tag = HexFormat.of().toHexDigits((byte) new SecureRandom().nextInt(), 2)
                + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
        String namespace = "rt-ka-" + tag;
        String rootLink = "rtka" + tag;
        double before = closed("tcp-timeout");
        Process router = null;
        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            Exec.run(List.of("ip", "netns", "add", namespace)).orThrow();
            Exec.run(List.of("ip", "link", "add", rootLink, "type", "veth", "peer", "name", "eth0", "netns",
                    namespace)).orThrow();
            Exec.run(List.of("ip", "addr", "add", BmpLivenessProfile.COLLECTOR + "/30", "dev", rootLink)).orThrow();
            Exec.run(List.of("ip", "link", "set", rootLink, "up")).orThrow();
            inNamespace(namespace, "ip", "addr", "add", BmpLivenessProfile.ROUTER + "/30", "dev", "eth0");
            inNamespace(namespace, "ip", "link", "set", "eth0", "up");
            inNamespace(namespace, "ip", "link", "set", "lo", "up");
            String frames = HexFormat.of().formatHex(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP,
                    BmpStream.ANNOUNCE));
            router = new ProcessBuilder("ip", "netns", "exec", namespace, "/usr/bin/python3", "-c",
                    "import socket,sys,time\n"
                            + "s=socket.create_connection((sys.argv[1],int(sys.argv[2])))\n"
                            + "s.sendall(bytes.fromhex(sys.argv[3]))\n"
                            + "time.sleep(600)\n",
                    BmpLivenessProfile.COLLECTOR, Integer.toString(server.port()), frames)
                    .redirectErrorStream(true).start();
            String prefix = "local/" + BmpLivenessProfile.ROUTER + "/";
            String key = evpn.await(r -> r.key().startsWith(prefix) && r.value() != null).key();

            inNamespace(namespace, "ip", "link", "set", "eth0", "down");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routers.sessions().stream()
                    .noneMatch(s -> s.router().equals(BmpLivenessProfile.ROUTER)));
            assertEquals(before + 1, closed("tcp-timeout"), "ended by the kernel, not by the idle timeout (4 s)");
            evpn.awaitTombstone(key);
            assertTrue(router.isAlive(), "the router process never closed its socket");
        } finally {
            if (router != null) {
                router.destroyForcibly().waitFor();
            }
            Exec.run(List.of("ip", "link", "del", rootLink));
            Exec.run(List.of("ip", "netns", "del", namespace));
        }
    }

    private static void inNamespace(String namespace, String... command) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(command));
        Exec.run(argv).orThrow();
    }

    private double closed(String reason) {
        Counter counter = registry.find("openpe.bmp.sessions.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
