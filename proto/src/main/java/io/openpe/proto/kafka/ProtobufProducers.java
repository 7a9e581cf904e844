package io.openpe.proto.kafka;

import com.google.protobuf.MessageLite;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one producer configuration of openpe (DESIGN §8): idempotent with {@code acks=all}, so a retried send never
 * duplicates or reorders a key's records; and a Kafka outage blocks the sender instead of dropping records, so
 * back-pressure reaches the source (a BMP socket, the reconcile loop) and everything converges once Kafka is back.
 */
public final class ProtobufProducers {

    private ProtobufProducers() {
    }

    /** A producer of UTF-8 string keys and Protobuf values (null value = tombstone). */
    public static KafkaProducer<String, MessageLite> reliable(String bootstrapServers, String clientId) {
        return reliable(bootstrapServers, clientId, Map.of());
    }

    /**
     * The same, with batching settings for a high-rate publisher ({@code batch.size}, {@code linger.ms},
     * {@code compression.type}, ...). Settings that make the producer reliable cannot be overridden.
     */
    public static KafkaProducer<String, MessageLite> reliable(String bootstrapServers, String clientId,
            Map<String, Object> batching) {
        return reliable(KafkaClients.brokers(bootstrapServers), clientId, batching);
    }

    /**
     * The same, configured from the service's Quarkus Kafka configuration ({@link KafkaClients}: TLS, SASL and
     * every other client setting given there), then the batching settings, then the reliability settings.
     */
    public static KafkaProducer<String, MessageLite> reliable(Map<String, ?> kafka, String clientId,
            Map<String, Object> batching) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Large plans are one record each (Topics.MAX_RECORD_BYTES); gzip shrinks them about 6x on the wire.
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        config.putAll(batching);
        config.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE));
        return new KafkaProducer<>(KafkaClients.producer(kafka, config), new StringSerializer(),
                new ProtobufSerializer<>());
    }

    /**
     * The same guarantees for a record that is written (idempotent, {@code acks=all}), but for a caller that answers
     * a request and must not hang in an outage (docs/decisions.md, "gRPC errors ... during a Kafka outage"):
     * {@code send} waits at most half of {@code within} for metadata, and a record not acknowledged within the other
     * half fails and is never sent again, so the caller can answer UNAVAILABLE within {@code within} and its client
     * retries.
     */
    public static KafkaProducer<String, MessageLite> bounded(Map<String, ?> kafka, String clientId, Duration within) {
        // A stopped broker costs both waits (measured: send() waited for metadata, then the batch expired).
        long millis = within.toMillis() / 2;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        config.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) millis,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) millis,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis));
        return new KafkaProducer<>(KafkaClients.producer(kafka, config), new StringSerializer(),
                new ProtobufSerializer<>());
    }

    /** The same, for a bootstrap address only. */
    public static KafkaProducer<String, MessageLite> bounded(String bootstrapServers, String clientId,
            Duration within) {
        return bounded(KafkaClients.brokers(bootstrapServers), clientId, within);
    }
}
