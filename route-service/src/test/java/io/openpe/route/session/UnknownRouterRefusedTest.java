package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: BMP accepts only routers it knows, over real sockets from second loopback addresses. Only 127.0.0.1 is
 * allowed by CIDR here; 127.0.0.61 is a planned VTEP, 127.0.0.62 is named by no plan until the test plans it.
 */
@QuarkusTest
@TestProfile(ListenerEdgesProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class UnknownRouterRefusedTest {

    @Inject
    BmpServer server;

    @Inject
    Routers routers;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aSessionFromAnAddressNoPlanNamesIsRefusedCountedAndPublishesNothing() throws Exception {
        publishPlan("allow/a1", "10.61.0.1", "127.0.0.61");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routers.clusterOf("127.0.0.61").equals("allow"));
        double refusedBefore = refused();

        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser());
             var stranger = new BmpClient("127.0.0.62", server.port());
             var planned = new BmpClient("127.0.0.61", server.port())) {
            assertTrue(stranger.closedByServer(), "the server closes a session from an unplanned address");
            assertEquals(refusedBefore + 1, refused(), "one refusal counted");
            planned.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            evpn.await(r -> r.key().startsWith("allow/127.0.0.61/") && r.value() != null);
            assertFalse(planned.closedByServer(300), "a planned router's session stays open");
            assertTrue(routers.sessions().stream().noneMatch(s -> s.router().equals("127.0.0.62")));
            planned.send(BmpStream.bytes(BmpStream.WITHDRAW));
            evpn.await(r -> r.key().startsWith("allow/127.0.0.61/") && r.value() == null);
        }

        publishPlan("allow/a2", "127.0.0.62", "10.62.0.2");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routers.clusterOf("127.0.0.62").equals("allow"));
        try (var nowPlanned = new BmpClient("127.0.0.62", server.port())) {
            nowPlanned.send(BmpStream.bytes(BmpStream.INITIATION));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> routers.sessions().stream()
                    .anyMatch(s -> s.router().equals("127.0.0.62")));
            assertFalse(nowPlanned.closedByServer(300), "once a plan names it as router id, the router may connect");
        }
        assertEquals(refusedBefore + 1, refused(), "no further refusal");
    }

    private double refused() {
        Counter counter = registry.find("openpe.bmp.sessions.refused").tag("reason", "unknown-router").counter();
        return counter == null ? 0 : counter.count();
    }

    private void publishPlan(String key, String routerId, String vtep) {
        String[] parts = key.split("/");
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ProtobufSerializer<NodePlan>())) {
            producer.send(new ProducerRecord<>(Topics.PLANS, key, NodePlan.newBuilder().setCluster(parts[0])
                    .setNode(parts[1]).setGeneration(1).setUnderlay(UnderlayPlan.newBuilder().setAsn(65001)
                            .setRouterId(routerId).setVtepIp(vtep)).build()));
            producer.flush();
        }
    }
}
