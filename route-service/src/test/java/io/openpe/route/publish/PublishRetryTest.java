package io.openpe.route.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.config.RouteServiceConfig;
import io.openpe.route.v1.EvpnRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: one failure policy for every record the publisher sends, tombstones of the start-up reconcile included: a
 * record Kafka refuses (a non-retriable error the producer gives up on, or a refusal by {@code send} itself) is sent
 * again until it is acknowledged, unless a later record of its key has been handed over since; the publisher thread
 * goes on either way. The producer is Kafka's {@link MockProducer}, completed or failed by the test.
 */
class PublishRetryTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockProducer<String, MessageLite> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ProtobufSerializer<>());
    private KafkaPublisher publisher;

    @AfterEach
    void stop() {
        publisher.stop(null);
    }

    @Test
    void aTombstoneKafkaRefusedIsSentAgainUntilItIsAcknowledged() {
        start(Duration.ZERO);
        AtomicInteger done = new AtomicInteger();
        publisher.queue().addAll(List.of(new Outbound(Topics.EVPN_ROUTES, "k", null, done::incrementAndGet)));
        awaitSent(1);
        producer.errorNext(new OutOfOrderSequenceException("the broker lost the producer's sequence"));
        assertEquals(0, done.get(), "not done while refused");
        awaitSent(2);
        assertEquals("k", producer.history().get(1).key());
        assertNull(producer.history().get(1).value(), "the tombstone again");
        assertEquals(1, publisher.unacknowledged());
        producer.completeNext();
        assertEquals(1, done.get());
        assertEquals(0, publisher.unacknowledged());
        assertEquals(1.0, registry.get("openpe.publish.failures").counter().count());
        assertEquals(1.0, registry.get("openpe.publish.records").counter().count());
    }

    @Test
    void aRefusedRecordThatALaterRecordOfItsKeyReplacedIsNotSentAgain() {
        start(Duration.ZERO);
        AtomicInteger olderDone = new AtomicInteger();
        publisher.queue().addAll(List.of(new Outbound(Topics.EVPN_ROUTES, "k", route("older"),
                olderDone::incrementAndGet)));
        awaitSent(1);
        publisher.queue().addAll(List.of(new Outbound(Topics.EVPN_ROUTES, "k", null)));
        awaitSent(2);
        producer.errorNext(new OutOfOrderSequenceException("refused"));
        producer.completeNext();
        Awaitility.await("the older record given up for the later one").atMost(Duration.ofSeconds(10))
                .until(() -> olderDone.get() == 1);
        assertEquals(2, producer.history().size(), "the older record is not sent over the later one");
        assertEquals(0, publisher.unacknowledged());
    }

    @Test
    void aRecordSendRefusesIsSentAgainAndThePublisherGoesOn() {
        start(Duration.ofMillis(10));
        producer.sendException = new KafkaException("the producer refused the record");
        AtomicInteger done = new AtomicInteger();
        publisher.queue().addAll(List.of(new Outbound(Topics.EVPN_ROUTES, "k", null, done::incrementAndGet)));
        Awaitility.await("a refusal counted").atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("openpe.publish.failures").counter().count() >= 1);
        producer.sendException = null;
        awaitSent(1);
        producer.completeNext();
        assertEquals(1, done.get());
        publisher.queue().addAll(List.of(new Outbound(Topics.EVPN_ROUTES, "next", null)));
        awaitSent(2);
        assertEquals("next", producer.history().get(1).key(), "the publisher thread goes on");
    }

    private void start(Duration retryAfter) {
        publisher = new KafkaPublisher(Map.of(), publish(), registry, retryAfter, () -> producer);
        publisher.start(null);
    }

    private void awaitSent(int records) {
        Awaitility.await(records + " records handed to the producer").atMost(Duration.ofSeconds(10))
                .until(() -> producer.history().size() == records);
    }

    private static EvpnRoute route(String key) {
        return EvpnRoute.newBuilder().setRouteKey(key).build();
    }

    private static RouteServiceConfig.Publish publish() {
        return new RouteServiceConfig.Publish() {
            @Override
            public int queueCapacity() {
                return 100;
            }

            @Override
            public int batchSize() {
                return 16_384;
            }

            @Override
            public int lingerMs() {
                return 0;
            }

            @Override
            public String compression() {
                return "none";
            }

            @Override
            public boolean unicastRoutes() {
                return false;
            }
        };
    }
}
