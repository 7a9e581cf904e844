package io.openpe.proto.kafka;

import com.google.protobuf.MessageLite;
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
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE),
                new StringSerializer(), new ProtobufSerializer<>());
    }
}
