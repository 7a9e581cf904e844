package io.openpe.intent.publish;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes intent-service's records (intents, node facts, plans) and waits for the broker's acknowledgement, so that a
 * caller that returns "applied" means "durably on the topic" ({@link ProtobufProducers#reliable}).
 */
@ApplicationScoped
public class TopicWriter implements AutoCloseable {

    /** One record to write; a null value is a tombstone. */
    public record Entry(String topic, String key, MessageLite value) {
    }

    private final KafkaProducer<String, MessageLite> producer;
    private final Optional<KafkaClientMetrics> metrics;

    /** From the service's Quarkus Kafka configuration (TLS, SASL, ...), with the producer's metrics in Micrometer. */
    @Inject
    public TopicWriter(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.producer = ProtobufProducers.reliable(kafka, "intent-service", Map.of());
        this.metrics = Optional.of(KafkaClients.metrics(registry, producer));
    }

    /** Brokers only, no metrics: tests and tools. */
    public TopicWriter(String bootstrapServers) {
        this.producer = ProtobufProducers.reliable(bootstrapServers, "intent-service");
        this.metrics = Optional.empty();
    }

    /** Sends every entry, then waits for all acknowledgements; entries of one key keep their order. */
    public void writeAll(List<Entry> entries) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            acks.add(producer.send(new ProducerRecord<>(e.topic(), e.key(), e.value())));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", ex);
            } catch (ExecutionException ex) {
                throw new IllegalStateException("Kafka rejected a write: " + ex.getCause().getMessage(), ex.getCause());
            }
        }
    }

    @PreDestroy
    @Override
    public void close() {
        metrics.ifPresent(KafkaClientMetrics::close);
        producer.close(Duration.ofSeconds(5));
    }
}
