package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.RecentChanges;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a second BMP session from one address closes the first and takes over its routes. Every step waits on a
 * condition: the records are watched in RIB order (Routers#watch), and "past the re-sync grace" is the grace's sweep
 * having run, not a sleep. No idle timeout here (it would end the newer session while the test waits for the sweep).
 */
@QuarkusTest
@TestProfile(BmpSessionReplacedTest.Grace.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class BmpSessionReplacedTest {

    /**
     * The grace starts when the newer session opens; its routes are re-sent at once, so 3 s is what the server gets
     * to read three buffered messages (the behaviour under test, not a measurement).
     */
    public static class Grace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.bmp.resync-grace", "PT3S");
        }
    }

    private static final String ROUTER = "127.0.0.82";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    BmpServer server;

    @Inject
    Routers routers;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aSecondSessionFromOneAddressClosesTheOlderAndTakesOverItsRoutes() throws Exception {
        List<Outbound> seen = new CopyOnWriteArrayList<>();
        AutoCloseable[] subscription = new AutoCloseable[1];
        routers.watch(OptionalLong.empty(), (routes, at) -> { }, () -> { }, records -> records.stream()
                .map(RecentChanges.Sequenced::record).filter(o -> o.key().startsWith("local/" + ROUTER + "/"))
                .forEach(seen::add), s -> subscription[0] = s);
        double before = closed("replaced");
        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser());
             var older = new BmpClient(ROUTER, server.port())) {
            older.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            Awaitility.await().atMost(WAIT).until(() -> seen.size() == 1);
            String key = seen.getFirst().key();
            assertNotNull(seen.getFirst().value());
            try (var newer = new BmpClient(ROUTER, server.port())) {
                newer.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
                assertTrue(older.closedByServer(), "the older session is closed");
                // Counted when the channel is inactive, just after the FIN the client saw.
                Awaitility.await().atMost(WAIT).until(() -> closed("replaced") == before + 1);
                Awaitility.await().atMost(WAIT).until(() -> routers.sessions().stream()
                        .anyMatch(s -> s.router().equals(ROUTER) && s.messages() == 3 && s.routes() == 1));
                assertEquals(1, routers.sessions().stream().filter(s -> s.router().equals(ROUTER)).count());

                RouterState state = routers.router(ROUTER);
                Awaitility.await().atMost(WAIT).until(() -> {
                    synchronized (state) {
                        return state.staleSweep != null && state.staleSweep.isDone();
                    }
                });
                assertEquals(1, seen.size(), "the sweep withdrew nothing and the re-sent route published nothing: "
                        + seen);

                newer.send(BmpStream.bytes(BmpStream.WITHDRAW));
                Awaitility.await().atMost(WAIT).until(() -> seen.size() == 2);
                assertEquals(key, seen.get(1).key());
                assertNull(seen.get(1).value(), "the newer session's withdrawal");
                evpn.awaitTombstone(key);
                assertFalse(newer.closedByServer(100), "the newer session stays");
            }
        } finally {
            if (subscription[0] != null) {
                subscription[0].close();
            }
        }
    }

    private double closed(String reason) {
        Counter counter = registry.find("openpe.bmp.sessions.closed").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
