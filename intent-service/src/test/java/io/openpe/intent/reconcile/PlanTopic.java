package io.openpe.intent.reconcile;


import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test-side reader of openpe.plans on the real broker: every record seen, and the latest plan per key. */
public final class PlanTopic implements AutoCloseable {

    private final KafkaConsumer<String, NodePlan> consumer;
    private final List<ConsumerRecord<String, NodePlan>> records = new ArrayList<>();
    private final Map<String, NodePlan> latest = new HashMap<>();

    public PlanTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ProtobufDeserializer<>(NodePlan.parser()));
        TopicPartition partition = new TopicPartition(Topics.PLANS, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** Reads whatever arrived since the last call. */
    public synchronized PlanTopic poll() {
        for (ConsumerRecord<String, NodePlan> record : consumer.poll(Duration.ofMillis(100))) {
            records.add(record);
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.put(record.key(), record.value());
            }
        }
        return this;
    }

    /** Waits until the latest plan of {@code key} satisfies {@code condition}, and returns it. */
    public NodePlan await(String key, Predicate<NodePlan> condition) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            NodePlan plan = poll().latest.get(key);
            return plan != null && condition.test(plan);
        });
        return latest.get(key);
    }

    /** Waits until {@code key} has been tombstoned. */
    public void awaitDeleted(String key) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> poll().latest.get(key) == null
                && records.stream().anyMatch(r -> r.key().equals(key)));
    }

    public synchronized List<ConsumerRecord<String, NodePlan>> records() {
        return List.copyOf(records);
    }

    public synchronized long count(String key) {
        return records.stream().filter(r -> r.key().equals(key)).count();
    }

    /** Reads to the current end of the topic. */
    public PlanTopic drain() {
        TopicPartition partition = new TopicPartition(Topics.PLANS, 0);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        while (consumer.position(partition) < end) {
            poll();
        }
        return this;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
