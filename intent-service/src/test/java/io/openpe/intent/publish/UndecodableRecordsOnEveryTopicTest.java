package io.openpe.intent.publish;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.intent.v1.Intent;
import io.openpe.intent.v1.NodeFacts;
import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: garbage bytes on every topic intent-service reads raw (openpe.intents, openpe.nodes, openpe.plans for the
 * restore and the fleet feed), with a real broker; openpe.node-status goes through the status feed's channel and is
 * {@code SkippedRecordsReadinessTest}'s. The restore reads past
 * them to the good record after, the follower hands on the next good record, and each garbage record moves the
 * counter of its topic by exactly one, also when a new reader meets it again from the beginning.
 */
class UndecodableRecordsOnEveryTopicTest {

    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01, 0x02};

    private static final Map<String, Parser<? extends MessageLite>> TOPICS = Map.of(
            Topics.INTENTS, Intent.parser(), Topics.NODES, NodeFacts.parser(), Topics.PLANS, NodePlan.parser());

    @Test
    void everyTopicSkipsGarbageOnceAndGoesOnWithTheNextRecord() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createOpenpeTopics();
            String bootstrap = broker.bootstrapServers();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            UndecodableRecords policy = new UndecodableRecords("intent-service", registry);
            for (String topic : TOPICS.keySet()) {
                send(bootstrap, topic, "c1/a", GARBAGE);
                send(bootstrap, topic, "c1/b", good(topic, 1).toByteArray());
            }

            try (CompactedTopics restore = new CompactedTopics(bootstrap, "restore-test", TOPICS, policy)) {
                Map<String, Map<String, MessageLite>> latest = restore.readToEnd();
                for (String topic : TOPICS.keySet()) {
                    assertEquals(Map.of("c1/b", good(topic, 1)), latest.get(topic), topic);
                    assertEquals(1.0, skipped(registry, topic), topic);
                }

                List<CompactedTopics.Change> followed = new CopyOnWriteArrayList<>();
                restore.follow("follow-test", followed::addAll);
                for (String topic : TOPICS.keySet()) {
                    send(bootstrap, topic, "c1/a", GARBAGE);
                    send(bootstrap, topic, "c1/c", good(topic, 2).toByteArray());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> followed.size() == TOPICS.size());
                for (String topic : TOPICS.keySet()) {
                    assertEquals(List.of(good(topic, 2)), followed.stream().filter(c -> c.topic().equals(topic))
                            .map(c -> c.value().orElseThrow()).toList(), topic);
                    assertEquals(2.0, skipped(registry, topic), topic);
                }
            }

            // A second reader of the same service meets both garbage records again: skipped, not counted again.
            try (CompactedTopics again = new CompactedTopics(bootstrap, "reread-test", TOPICS, policy)) {
                again.readToEnd();
            }
            for (String topic : TOPICS.keySet()) {
                assertEquals(2.0, skipped(registry, topic), topic);
            }
            assertEquals(2L * TOPICS.size(), policy.skipped());
        }
    }

    private static MessageLite good(String topic, long n) {
        return switch (topic) {
            case Topics.INTENTS -> Intent.newBuilder().setGeneration(n).build();
            case Topics.NODES -> NodeFacts.newBuilder().setName("node-" + n).build();
            case Topics.PLANS -> NodePlan.newBuilder().setCluster("c1").setNode("node-" + n).setGeneration(n).build();
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private static double skipped(SimpleMeterRegistry registry, String topic) {
        return registry.find(UndecodableRecords.METRIC).tag("topic", topic).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static void send(String bootstrap, String topic, String key, byte[] value)
            throws InterruptedException, ExecutionException {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
