package io.openpe.route.session;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.config.RouteServiceConfig;
import io.openpe.route.publish.KafkaPublisher;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.testkit.kafka.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, the merged main's open fault finding: the start-up reconcile across a broker outage, on the real broker and
 * with the real publisher ({@link KafkaPublisher}, the service's producer settings). A first life of the service
 * published MAC 1 and MAC 2 of router A and was killed; while it was down A dropped MAC 2. The second life reads the
 * topic, A re-sends MAC 1 and End-of-RIB, and the broker is away at one of the moments the reconcile depends on: when
 * the tombstone of MAC 2 falls due, or while the topic is read. Once the broker is back the tombstone is on the topic,
 * MAC 1 keeps its record, and readiness said the reconcile was pending while it was.
 */
class ReconcileAcrossBrokerOutageTest {

    private static final String A = "127.0.0.95";
    private static final String PEER = BmpEncoding.globalPeer(0);
    private static final String END_OF_EVPN_RIB = BmpEncoding.frame(0, PEER,
            update("", attribute(0x90, 15, "0019 46"), ""));

    private KafkaBroker broker;
    private KafkaPublisher publisher;
    private StartupReconcile reconcile;
    private Routers routers;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private String macOne;
    private String macTwo;

    @BeforeEach
    void aFirstLifePublishedBothMacsAndWasKilled() throws Exception {
        broker = KafkaBroker.start();
        broker.createOpenpeTopics();
        PublishQueue firstQueue = new PublishQueue(10_000);
        Routers first = new Routers("local", firstQueue);
        session(first, firstQueue, BmpStream.INITIATION, BmpStream.PEER_UP, mac(1), mac(2));
        List<String> published = new ArrayList<>();
        try (var producer = new KafkaProducer<String, MessageLite>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                new ProtobufSerializer<>())) {
            for (Outbound record : firstQueue.take(10_000, 100, TimeUnit.MILLISECONDS)) {
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
                if (record.topic().equals(Topics.EVPN_ROUTES)) {
                    published.add(record.key());
                }
            }
        }
        macOne = key(published, "aa:bb:cc:00:00:01");
        macTwo = key(published, "aa:bb:cc:00:00:02");

        publisher = new KafkaPublisher(serviceKafka(), publish(), registry);
        routers = new Routers("local", publisher.queue());
        reconcile = new StartupReconcile(routers, registry, serviceKafka(), Duration.ofMinutes(2), "withdraw");
    }

    @AfterEach
    void stop() {
        reconcile.stop(null);
        publisher.stop(null);
        broker.close();
    }

    /**
     * The window the finding suspected: the snapshot is read, A re-sends MAC 1, the broker stops, and then A's
     * End-of-RIB makes MAC 2's tombstone due. The tombstone waits in the publisher and arrives once the broker is back.
     */
    @Test
    void aTombstoneDueWhileTheBrokerIsAwayIsOnTheTopicOnceItIsBack() {
        publisher.start(null);
        reconcile.start(null);
        Awaitility.await("the topic read").atMost(Duration.ofSeconds(60)).until(() -> reconcile.state().read());
        EmbeddedChannel a = session(routers, publisher.queue(), BmpStream.INITIATION, BmpStream.PEER_UP, mac(1));
        try (var evpn = new TopicTail<>(broker.bootstrapServers(), Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            // MAC 1 again from this life: the publisher is connected before the outage.
            evpn.await(r -> macOne.equals(r.key()) && r.value() != null && r.offset() > 1);

            broker.stop();
            try {
                a.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(END_OF_EVPN_RIB)));
                Awaitility.await("MAC 2's tombstone handed to the producer, not acknowledged").atMost(
                        Duration.ofSeconds(30)).until(() -> publisher.queue().size() == 0
                        && reconcile.state().unacknowledged() == 1);
                assertEquals(List.of(), reconcile.state().pendingRouters(), "A is reconciled");
                assertEquals(false, readiness(), "readiness DOWN while the tombstone waits");
                awaitProducerDisconnected();
            } finally {
                broker.startAgain();
            }
            evpn.awaitTombstone(macTwo);
            Awaitility.await("the tombstone acknowledged").atMost(Duration.ofSeconds(30))
                    .until(() -> reconcile.state().unacknowledged() == 0);
            assertEquals(true, readiness(), "readiness UP once it is acknowledged");
            assertEquals(0, evpn.count(r -> macOne.equals(r.key()) && r.value() == null), "MAC 1 keeps its record");
        }
    }

    /**
     * The topic read while the broker is away: A re-sends MAC 1 and End-of-RIB before the read can finish; the read
     * is retried, and once it succeeds MAC 2 gets its tombstone.
     */
    @Test
    void theTopicReadWhileTheBrokerIsAwayIsRetriedAndReconcilesTheRouterSyncedMeanwhile() {
        broker.stop();
        try {
            publisher.start(null);
            reconcile.start(null);
            session(routers, publisher.queue(), BmpStream.INITIATION, BmpStream.PEER_UP, mac(1), END_OF_EVPN_RIB);
            Awaitility.await("a failed read of the topic").atMost(Duration.ofSeconds(90))
                    .until(() -> reconcile.state().failedReads() > 0);
            assertEquals(false, reconcile.state().read());
            assertEquals(false, readiness(), "readiness DOWN until the topic is read");
        } finally {
            broker.startAgain();
        }
        try (var evpn = new TopicTail<>(broker.bootstrapServers(), Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            evpn.awaitTombstone(macTwo);
            assertEquals(0, evpn.count(r -> macOne.equals(r.key()) && r.value() == null), "MAC 1 keeps its record");
            ConsumerRecord<String, EvpnRoute> again = evpn.await(r -> macOne.equals(r.key()) && r.offset() > 1);
            assertNotNull(again.value(), "MAC 1 published by this life");
        }
    }

    private boolean readiness() {
        return new ReconcileReadiness(reconcile).call().getStatus() == HealthCheckResponse.Status.UP;
    }

    /** Waits until the publisher's producer has lost its connection to the broker. */
    private void awaitProducerDisconnected() {
        Awaitility.await("the producer without a broker connection").atMost(Duration.ofSeconds(60)).until(() -> {
            var gauges = registry.find("kafka.producer.connection.count").gauges();
            return !gauges.isEmpty() && gauges.stream().allMatch(g -> g.value() == 0);
        });
    }

    /** The service's Kafka settings (application.properties): 5 s request and API timeouts. */
    private Map<String, Object> serviceKafka() {
        return Map.of("bootstrap.servers", broker.bootstrapServers(), "request.timeout.ms", 5000,
                "default.api.timeout.ms", 5000);
    }

    private static RouteServiceConfig.Publish publish() {
        return new RouteServiceConfig.Publish() {
            @Override
            public int queueCapacity() {
                return 10_000;
            }

            @Override
            public int batchSize() {
                return 262_144;
            }

            @Override
            public int lingerMs() {
                return 10;
            }

            @Override
            public String compression() {
                return "lz4";
            }

            @Override
            public boolean unicastRoutes() {
                return false;
            }
        };
    }

    private static String mac(int lastOctet) {
        return MacRouteFrames.announce(PEER, lastOctet, "0a000001", 1, false);
    }

    private static EmbeddedChannel session(Routers routers, PublishQueue queue, String... frames) {
        EmbeddedChannel channel = EmbeddedSession.from(A, routers, new SimpleMeterRegistry(), queue,
                Duration.ofSeconds(30), Clock.systemUTC());
        channel.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(frames)));
        return channel;
    }

    private static String key(List<String> keys, String mac) {
        List<String> found = keys.stream().filter(k -> k.startsWith("local/" + A + "/") && k.contains(mac)).toList();
        assertEquals(1, found.size(), keys.toString());
        return found.getFirst();
    }
}
