package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * Issue 3: routers map to clusters through the node plans on openpe.plans (router id and VTEP per node), on the real
 * broker. Router 127.0.0.8 is a planned VTEP; router 127.0.0.9 is unknown by address but its own OPEN carries BGP
 * identifier 10.99.0.9, a planned router id. Addresses no other test uses, so the shared application is unaffected.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class PlannedClusterTest {

    @Inject
    BmpServer server;

    @Inject
    Routers routers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void routersTakeTheClusterOfThePlannedNodeWithTheirVtepOrRouterId() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ProtobufSerializer<NodePlan>())) {
            producer.send(new ProducerRecord<>(Topics.PLANS, "west/w1", plan("west", "w1", "10.99.0.8", "127.0.0.8")));
            producer.send(new ProducerRecord<>(Topics.PLANS, "north/n1", plan("north", "n1", "10.99.0.9", "10.98.0.9")));
            producer.flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routers.clusterOf("127.0.0.8").equals("west"));
        assertEquals("local", routers.clusterOf("127.0.0.9"), "no plan has 127.0.0.9");

        String peerUpWithRouterId = BmpEncoding.frame(3, BmpEncoding.globalPeer(0),
                "000000000000000000000000 0a000001", "b3a2", "00b3",
                BmpStream.open("fde9", "0a630009", "01 04 0019 00 46", "41 04 0000fde9"),   // BGP id 10.99.0.9
                BmpStream.open("fde9", "c0a80002", "01 04 0019 00 46", "41 04 0000fde9"));
        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser());
             var byVtep = new BmpClient("127.0.0.8", server.port());
             var byRouterId = new BmpClient("127.0.0.9", server.port())) {
            byVtep.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            byRouterId.send(BmpStream.bytes(BmpStream.INITIATION, peerUpWithRouterId, BmpStream.ANNOUNCE));
            EvpnRoute west = evpn.await(r -> r.key().startsWith("west/127.0.0.8/") && r.value() != null).value();
            assertEquals("west", west.getCluster());
            EvpnRoute north = evpn.await(r -> r.key().startsWith("north/127.0.0.9/") && r.value() != null).value();
            assertEquals("north", north.getCluster());
            byVtep.send(BmpStream.bytes(BmpStream.WITHDRAW));
            byRouterId.send(BmpStream.bytes(BmpStream.WITHDRAW));
            evpn.await(r -> r.key().startsWith("north/127.0.0.9/") && r.value() == null);
        }
    }

    private static NodePlan plan(String cluster, String node, String routerId, String vtep) {
        return NodePlan.newBuilder().setCluster(cluster).setNode(node).setGeneration(1)
                .setUnderlay(UnderlayPlan.newBuilder().setAsn(65001).setRouterId(routerId).setVtepIp(vtep)).build();
    }
}
