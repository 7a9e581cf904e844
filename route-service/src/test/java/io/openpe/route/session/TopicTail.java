package io.openpe.route.session;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.openpe.proto.kafka.ProtobufDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Test-side reader of one topic on the real broker, from the beginning: every record seen, tombstones included. */
public final class TopicTail<T extends MessageLite> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<ConsumerRecord<String, T>> records = new ArrayList<>();

    public TopicTail(String bootstrapServers, String topic, Parser<T> parser) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new ProtobufDeserializer<>(parser));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private synchronized void poll() {
        for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(100))) {
            records.add(record);
        }
    }

    /** Waits for the first record (tombstones included) that satisfies {@code condition}. */
    public ConsumerRecord<String, T> await(Predicate<ConsumerRecord<String, T>> condition) {
        return await(Duration.ofSeconds(30), condition);
    }

    public ConsumerRecord<String, T> await(Duration timeout, Predicate<ConsumerRecord<String, T>> condition) {
        Awaitility.await().atMost(timeout).until(() -> {
            poll();
            return records.stream().anyMatch(condition);
        });
        return records.stream().filter(condition).findFirst().orElseThrow();
    }

    /** The value of the first record with {@code key} whose value satisfies {@code condition}. */
    public T awaitValue(String key, Predicate<T> condition) {
        return await(r -> key.equals(r.key()) && r.value() != null && condition.test(r.value())).value();
    }

    /** Reads what has arrived and counts the records seen so far that satisfy {@code condition}. */
    public long count(Predicate<ConsumerRecord<String, T>> condition) {
        poll();
        synchronized (this) {
            return records.stream().filter(condition).count();
        }
    }

    /** Waits for a tombstone of {@code key}. */
    public void awaitTombstone(String key) {
        await(r -> key.equals(r.key()) && r.value() == null);
    }

    public synchronized List<ConsumerRecord<String, T>> records() {
        poll();
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
