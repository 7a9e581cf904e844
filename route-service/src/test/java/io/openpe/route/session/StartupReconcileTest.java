package io.openpe.route.session;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.cluster.RouterClusters;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.UnicastRoute;
import io.openpe.testkit.kafka.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: route-service reconciles openpe.evpn-routes after a restart, on the real broker. A first life of the
 * service publishes MAC 1 and MAC 2 of routers A, B and C and stops without withdrawing anything (killed). While it
 * is down the routers drop MAC 2 and router C goes away. The second life reads the topic at start; router A re-sends
 * MAC 1 and End-of-RIB, router B re-sends MAC 1 and nothing more, C never connects. Afterwards MAC 2 of A (at
 * End-of-RIB) and of B (after openpe.reconcile.wait) and everything of C (absent router) have tombstones; MAC 1 of A
 * and B has none.
 */
class StartupReconcileTest {

    private static final String A = "127.0.0.91";
    private static final String B = "127.0.0.92";
    private static final String C = "127.0.0.93";
    private static final String PEER = BmpEncoding.globalPeer(0);
    private static final String END_OF_EVPN_RIB = BmpEncoding.frame(0, PEER,
            update("", attribute(0x90, 15, "0019 46"), ""));

    private static KafkaBroker broker;
    private static KafkaProducer<String, com.google.protobuf.MessageLite> producer;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createOpenpeTopics();
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new ProtobufSerializer<>());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    @Test
    void routesGoneWhileTheServiceWasDownGetTombstonesAndLiveOnesStay() throws Exception {
        PublishQueue firstQueue = new PublishQueue(10_000);
        Routers first = new Routers("local", firstQueue);
        for (String router : List.of(A, B, C)) {
            session(router, first, firstQueue, BmpStream.INITIATION, BmpStream.PEER_UP, mac(1), mac(2));
        }
        List<String> published = send(firstQueue);
        String macOneOfA = key(published, A, "aa:bb:cc:00:00:01");
        String macTwoOfA = key(published, A, "aa:bb:cc:00:00:02");
        String macOneOfB = key(published, B, "aa:bb:cc:00:00:01");
        String macTwoOfB = key(published, B, "aa:bb:cc:00:00:02");
        List<String> ofC = published.stream().filter(k -> k.startsWith("local/" + C + "/")).toList();
        assertEquals(2, ofC.size());

        PublishQueue secondQueue = new PublishQueue(10_000);
        Routers second = new Routers("local", secondQueue);
        var registry = new SimpleMeterRegistry();
        var reconcile = new StartupReconcile(second, registry, KafkaClients.brokers(broker.bootstrapServers()), Duration.ofSeconds(3),
                "withdraw");
        reconcile.start(null);
        try (var evpn = new TopicTail<>(broker.bootstrapServers(), Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            session(A, second, secondQueue, BmpStream.INITIATION, BmpStream.PEER_UP, mac(1), END_OF_EVPN_RIB);
            session(B, second, secondQueue, BmpStream.INITIATION, BmpStream.PEER_UP, mac(1));
            List<String> tombstones = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                tombstones.addAll(sendTombstones(secondQueue));
                return tombstones.containsAll(List.of(macTwoOfA, macTwoOfB)) && tombstones.containsAll(ofC);
            });
            assertEquals(List.of(macTwoOfA, macTwoOfB, ofC.get(0), ofC.get(1)).stream().sorted().toList(),
                    tombstones.stream().sorted().toList(), "only what the routers no longer have");
            for (String gone : tombstones) {
                evpn.awaitTombstone(gone);
            }
            assertEquals(0, evpn.count(r -> r.value() == null && (r.key().equals(macOneOfA)
                    || r.key().equals(macOneOfB))), "the routes the routers still have keep their records");
            assertEquals(1.0, registry.get("openpe.reconcile.tombstones").tag("cause", "end-of-rib").counter()
                    .count());
            assertEquals(1.0, registry.get("openpe.reconcile.tombstones").tag("cause", "timeout").counter().count());
            assertEquals(2.0, registry.get("openpe.reconcile.tombstones").tag("cause", "absent-router").counter()
                    .count());
        } finally {
            reconcile.stop(null);
        }
    }

    /**
     * The unicast topic too (openpe.publish.unicast-routes on): router D had 10.20.0.0/16 and 10.21.0.0/16; while the
     * service was down 10.21.0.0/16 went away. After D's End-of-RIB the second life tombstones it on
     * openpe.unicast-routes, and 10.20.0.0/16 keeps its record.
     */
    @Test
    void unicastRoutesGoneWhileTheServiceWasDownGetTombstonesToo() throws Exception {
        String d = "127.0.0.94";
        PublishQueue firstQueue = new PublishQueue(10_000);
        Routers first = new Routers("local", firstQueue, new RouterClusters(), true);
        session(d, first, firstQueue, BmpStream.INITIATION, BmpStream.PEER_UP, unicast("10 0a14"), unicast("10 0a15"));
        List<String> published = new ArrayList<>();
        for (Outbound record : firstQueue.take(10_000, 100, TimeUnit.MILLISECONDS)) {
            producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
            if (record.topic().equals(Topics.UNICAST_ROUTES) && record.value() != null) {
                published.add(record.key());
            }
        }
        String kept = key(published, d, "10.20.0.0/16");
        String gone = key(published, d, "10.21.0.0/16");

        PublishQueue secondQueue = new PublishQueue(10_000);
        Routers second = new Routers("local", secondQueue, new RouterClusters(), true);
        var registry = new SimpleMeterRegistry();
        var reconcile = new StartupReconcile(second, registry, KafkaClients.brokers(broker.bootstrapServers()),
                Duration.ofSeconds(60), "withdraw");
        reconcile.start(null);
        try (var unicast = new TopicTail<>(broker.bootstrapServers(), Topics.UNICAST_ROUTES, UnicastRoute.parser())) {
            session(d, second, secondQueue, BmpStream.INITIATION, BmpStream.PEER_UP, unicast("10 0a14"),
                    END_OF_EVPN_RIB);
            List<String> tombstones = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (Outbound record : secondQueue.take(10_000, 100, TimeUnit.MILLISECONDS)) {
                    if (record.topic().equals(Topics.UNICAST_ROUTES)) {
                        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
                        if (record.value() == null) {
                            tombstones.add(record.key());
                        }
                    }
                }
                return tombstones.contains(gone);
            });
            assertEquals(List.of(gone), tombstones, "only what the router no longer has");
            unicast.awaitTombstone(gone);
            assertEquals(0, unicast.count(r -> r.value() == null && r.key().equals(kept)));
            assertEquals(1.0, registry.get("openpe.reconcile.tombstones").tag("cause", "end-of-rib")
                    .tag("topic", Topics.UNICAST_ROUTES).counter().count());
        } finally {
            reconcile.stop(null);
        }
    }

    /** An IPv4 unicast announcement of {@code prefixHex} (length byte and prefix bytes) from the peer. */
    private static String unicast(String prefixHex) {
        return BmpEncoding.frame(0, PEER, update("", concat(
                attribute(0x40, 1, "01"),
                attribute(0x40, 2, "02 01 0000fdea"),
                attribute(0x40, 3, "c0a80002")), prefixHex));
    }

    private static String mac(int lastOctet) {
        return MacRouteFrames.announce(PEER, lastOctet, "0a000001", 1, false);
    }

    private static EmbeddedChannel session(String router, Routers routers, PublishQueue queue, String... frames) {
        EmbeddedChannel channel = EmbeddedSession.from(router, routers, new SimpleMeterRegistry(), queue,
                Duration.ofSeconds(30), Clock.systemUTC());
        channel.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(frames)));
        return channel;
    }

    private static String key(List<String> keys, String router, String mac) {
        List<String> found = keys.stream().filter(k -> k.startsWith("local/" + router + "/") && k.contains(mac))
                .toList();
        assertEquals(1, found.size(), keys.toString());
        return found.getFirst();
    }

    /** Sends the route records the queue holds to the broker (what KafkaPublisher does); returns their keys. */
    private static List<String> send(PublishQueue queue) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Outbound record : queue.take(10_000, 100, TimeUnit.MILLISECONDS)) {
            producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
            if (record.topic().equals(Topics.EVPN_ROUTES) && record.value() != null) {
                keys.add(record.key());
            }
        }
        return keys;
    }

    private static List<String> sendTombstones(PublishQueue queue) throws Exception {
        List<String> tombstones = new ArrayList<>();
        for (Outbound record : queue.take(10_000, 100, TimeUnit.MILLISECONDS)) {
            producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
            if (record.topic().equals(Topics.EVPN_ROUTES) && record.value() == null) {
                tombstones.add(record.key());
            }
        }
        assertTrue(tombstones.stream().allMatch(k -> k.startsWith("local/")));
        return tombstones;
    }
}
