package io.openpe.intent.publish;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.UndecodableRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * intent-service's one way of reading Kafka: compacted topics read from the beginning, first to the end offsets of
 * the moment ({@link #readToEnd}: the restore, and the other clusters' records as they are now), then followed
 * ({@link #follow}: the other clusters' later changes, node status). Every key of every cluster is read; callers pick
 * by key prefix. A value that does not decode is skipped, counted and logged once ({@link UndecodableRecords}, the
 * policy of every openpe consumer), so one bad record can stop neither the restore nor a feed.
 */
public final class CompactedTopics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopics.class);
    private static final Duration RETRY_LIMIT = Duration.ofSeconds(10);

    /** One record: its topic, key and value; an empty value is a tombstone (the key was deleted). */
    public record Change(String topic, String key, Optional<MessageLite> value) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Parser<? extends MessageLite>> parsers;
    private final UndecodableRecords undecodable;
    private volatile Optional<KafkaClientMetrics> metrics = Optional.empty();
    private volatile Thread follower;
    private boolean assigned;

    /** @param parsers the topics to read, each with the parser of its values */
    public CompactedTopics(String bootstrapServers, String clientId, Map<String, Parser<? extends MessageLite>> parsers,
            UndecodableRecords undecodable) {
        this(KafkaClients.brokers(bootstrapServers), clientId, parsers, undecodable);
    }

    /** @param kafka the service's Quarkus Kafka configuration ({@link KafkaClients}: TLS, SASL, ...) */
    public CompactedTopics(Map<String, ?> kafka, String clientId, Map<String, Parser<? extends MessageLite>> parsers,
            UndecodableRecords undecodable) {
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, Map.<String, Object>of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.parsers = Map.copyOf(parsers);
        this.undecodable = undecodable;
    }

    /** Binds the consumer's own metrics (Micrometer {@code kafka.consumer.*}) to {@code registry} until closed. */
    public CompactedTopics withMetrics(MeterRegistry registry) {
        metrics = Optional.of(KafkaClients.metrics(registry, consumer));
        return this;
    }

    /** Latest value per key among the keys of {@code topic} that start with {@code keyPrefix}, read once. */
    public static <T extends MessageLite> Map<String, T> readAll(String bootstrapServers, String topic,
            Parser<T> parser, String keyPrefix) {
        try (CompactedTopics topics = new CompactedTopics(bootstrapServers, "intent-service-read", Map.of(topic, parser),
                new UndecodableRecords("intent-service-read", Metrics.globalRegistry))) {
            Map<String, T> latest = new LinkedHashMap<>();
            topics.readToEnd().get(topic).forEach((key, value) -> {
                if (key.startsWith(keyPrefix)) {
                    @SuppressWarnings("unchecked")
                    T typed = (T) value;
                    latest.put(key, typed);
                }
            });
            return latest;
        }
    }

    /**
     * Reads every topic from where this reader stands (the beginning, the first time) to the end offsets taken now:
     * topic → key → latest value, tombstoned keys removed. Throws when Kafka cannot be reached; the caller retries.
     */
    public Map<String, Map<String, MessageLite>> readToEnd() {
        assign(Duration.ofSeconds(30));
        Map<String, Map<String, MessageLite>> latest = new HashMap<>();
        parsers.keySet().forEach(topic -> latest.put(topic, new LinkedHashMap<>()));
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (Change change : poll()) {
                Map<String, MessageLite> values = latest.get(change.topic());
                change.value().ifPresentOrElse(v -> values.put(change.key(), v), () -> values.remove(change.key()));
            }
        }
        return latest;
    }

    /**
     * From now on, hands every record after those already read to {@code listener}, one poll's worth at a time, on a
     * daemon thread, until {@link #close()}. While Kafka is unreachable it waits and tries again (the client
     * reconnects by itself); a listener that throws is logged and the feed goes on with the next records.
     */
    public void follow(String threadName, Consumer<List<Change>> listener) {
        follower = Thread.ofPlatform().daemon().name(threadName).start(() -> run(listener));
    }

    private void run(Consumer<List<Change>> listener) {
        long backoffMillis = 500;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    assign(Duration.ofMinutes(1));
                    List<Change> changes = poll();
                    if (!changes.isEmpty()) {
                        listener.accept(changes);
                    }
                    backoffMillis = 500;
                } catch (WakeupException closing) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warnf("reading %s: %s; trying again in %d ms", parsers.keySet(), e.getMessage(), backoffMillis);
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(RETRY_LIMIT.toMillis(), backoffMillis * 2);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            closeConsumer();
        }
    }

    private void assign(Duration timeout) {
        if (assigned) {
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : parsers.keySet()) {
            consumer.partitionsFor(topic, timeout).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = true;
    }

    private List<Change> poll() {
        List<Change> changes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                changes.add(new Change(record.topic(), record.key(), Optional.empty()));
                continue;
            }
            Optional<? extends MessageLite> value = undecodable.decode(record, parsers.get(record.topic()));
            value.ifPresent(v -> changes.add(new Change(record.topic(), record.key(), Optional.of(v))));
        }
        return changes;
    }

    /** Stops the follower (it closes the consumer), or closes the consumer when nothing follows. */
    @Override
    public void close() {
        Thread running = follower;
        if (running == null) {
            closeConsumer();
            return;
        }
        consumer.wakeup();
        try {
            running.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConsumer() {
        metrics.ifPresent(KafkaClientMetrics::close);
        consumer.close(Duration.ofSeconds(5));
    }
}
