package io.openpe.e2e.fleet;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.openpe.proto.kafka.ProtobufDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a topic holds, read independently of every service: the latest value per key (a tombstone removes the key)
 * and every record seen since the start, in order. A consumer of its own in a thread; no consumer group.
 */
public final class TopicView<V extends MessageLite> implements AutoCloseable {

    /** One record as read: {@code value} is null for a tombstone. */
    public record Entry<V>(String key, V value, Instant timestamp, long offset) {
        public boolean tombstone() {
            return value == null;
        }
    }

    private final String topic;
    private final KafkaConsumer<String, V> consumer;
    private final Thread thread;
    private final Map<String, V> latest = new LinkedHashMap<>();
    private final List<Entry<V>> history = new ArrayList<>();
    private volatile boolean running = true;

    private TopicView(String topic, KafkaConsumer<String, V> consumer) {
        this.topic = topic;
        this.consumer = consumer;
        this.thread = new Thread(this::poll, "view-" + topic);
        this.thread.setDaemon(true);
    }

    public static <V extends MessageLite> TopicView<V> open(String bootstrap, String topic, Parser<V> parser) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-view-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ProtobufDeserializer<>(parser));
        consumer.subscribe(List.of(topic));
        TopicView<V> view = new TopicView<>(topic, consumer);
        view.thread.start();
        return view;
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    synchronized (this) {
                        history.add(new Entry<>(record.key(), record.value(),
                                Instant.ofEpochMilli(record.timestamp()), record.offset()));
                        if (record.value() == null) {
                            latest.remove(record.key());
                        } else {
                            latest.put(record.key(), record.value());
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    public String topic() {
        return topic;
    }

    /** The latest value of every key that has not been deleted. */
    public synchronized Map<String, V> latest() {
        return Map.copyOf(latest);
    }

    /** Every record read so far, oldest first. */
    public synchronized List<Entry<V>> history() {
        return List.copyOf(history);
    }

    /** Records read after position {@code from} of the history. */
    public synchronized List<Entry<V>> historySince(int from) {
        return List.copyOf(history.subList(Math.min(from, history.size()), history.size()));
    }

    public synchronized int size() {
        return history.size();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
