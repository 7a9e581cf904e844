package io.openpe.route.publish;

import io.openpe.proto.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a compacted topic from the beginning to the end offsets it had when the read began, and returns the keys whose
 * latest record is not a tombstone. A raw consumer, not a channel (docs/decisions.md): it reads to an end and stops.
 * Values are not decoded, so a record that does not parse still counts as live under its key. Built from the service's
 * Quarkus Kafka configuration ({@link KafkaClients}), so TLS and SASL settings reach it.
 */
public final class TopicSnapshot {

    private TopicSnapshot() {
    }

    public static Set<String> liveKeys(Map<String, ?> kafka, String topic, Duration timeout) {
        try (var consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, Map.<String, Object>of(
                ConsumerConfig.GROUP_ID_CONFIG, "route-service-reconcile-" + UUID.randomUUID(),
                ConsumerConfig.CLIENT_ID_CONFIG, "route-service-reconcile",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Set<String> live = new HashSet<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        live.remove(record.key());
                    } else {
                        live.add(record.key());
                    }
                }
            }
            return live;
        }
    }
}
