package io.openpe.intent.publish;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.TraceHeaders;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Writes intent-service's records (intents, node facts, plans) and waits for the broker's acknowledgement, so that a
 * caller that returns "applied" means "durably on the topic". The sources that cannot answer "try again"
 * (Kubernetes, the directory) wait as long as Kafka is away ({@link ProtobufProducers#reliable}); a gRPC write waits
 * a bounded time on a producer whose records expire then ({@link ProtobufProducers#bounded}), so it can answer
 * UNAVAILABLE knowing its records were not written (docs/decisions.md).
 */
@ApplicationScoped
public class TopicWriter implements AutoCloseable {

    /** One record to write; a null value is a tombstone. */
    public record Entry(String topic, String key, MessageLite value) {
    }

    /** A bounded write that Kafka did not acknowledge in time: its records are not written and will not be. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How long a bounded write waits for Kafka; its producer's records expire after it. */
    public static final Duration BOUNDED_WAIT = Duration.ofSeconds(5);

    private final KafkaProducer<String, MessageLite> producer;
    private final KafkaProducer<String, MessageLite> boundedProducer;
    private final Optional<KafkaClientMetrics> metrics;

    /** From the service's Quarkus Kafka configuration (TLS, SASL, ...), with the producer's metrics in Micrometer. */
    @Inject
    public TopicWriter(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.producer = ProtobufProducers.reliable(kafka, "intent-service", Map.of());
        this.boundedProducer = ProtobufProducers.bounded(kafka, "intent-service-api", BOUNDED_WAIT);
        this.metrics = Optional.of(KafkaClients.metrics(registry, producer));
    }

    /** Brokers only, no metrics: tests and tools. */
    public TopicWriter(String bootstrapServers) {
        this.producer = ProtobufProducers.reliable(bootstrapServers, "intent-service");
        this.boundedProducer = ProtobufProducers.bounded(bootstrapServers, "intent-service-api", BOUNDED_WAIT);
        this.metrics = Optional.empty();
    }

    /**
     * Sends every entry, then waits for all acknowledgements, as long as Kafka is away; entries of one key keep their
     * order.
     */
    public void writeAll(List<Entry> entries) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            acks.add(producer.send(recordOf(e)));
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

    /**
     * Like {@link #writeAll}, but waits at most {@link #BOUNDED_WAIT}.
     *
     * @throws Unavailable when Kafka did not acknowledge every entry in time; the entries not acknowledged expired
     *     in the producer and are not sent again (an entry in flight when the broker died is the one exception a
     *     Kafka producer cannot rule out: its timeout does not say whether the broker appended it)
     */
    public void writeBounded(List<Entry> entries) {
        // The producer gives up within BOUNDED_WAIT; the margin only guards against a future that never completes.
        long deadline = System.nanoTime() + BOUNDED_WAIT.toNanos() + Duration.ofSeconds(1).toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
        try {
            for (Entry e : entries) {
                acks.add(boundedProducer.send(recordOf(e)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for Kafka", ex);
        } catch (ExecutionException ex) {
            throw new Unavailable("Kafka did not take the write within " + BOUNDED_WAIT.toSeconds() + " s: "
                    + ex.getCause().getMessage(), ex.getCause());
        } catch (TimeoutException | KafkaException ex) {
            throw new Unavailable("Kafka did not take the write within " + BOUNDED_WAIT.toSeconds() + " s: "
                    + ex.getMessage(), ex);
        }
    }

    /**
     * The record of one entry, carrying the writing thread's trace context ({@code traceparent}) when the write
     * belongs to a trace: the gRPC call's span, or the span a source started for an arrival (docs/decisions.md
     * "OpenTelemetry"). The raw producer is not instrumented, so the header is written here.
     */
    private static ProducerRecord<String, MessageLite> recordOf(Entry e) {
        ProducerRecord<String, MessageLite> record = new ProducerRecord<>(e.topic(), e.key(), e.value());
        TraceHeaders.inject(record.headers());
        return record;
    }

    @PreDestroy
    @Override
    public void close() {
        metrics.ifPresent(KafkaClientMetrics::close);
        producer.close(Duration.ofSeconds(5));
        boundedProducer.close(Duration.ofSeconds(5));
    }
}
