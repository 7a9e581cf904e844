package io.openpe.intent.publish;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.TraceHeaders;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes intent-service's records (intents, node facts, plans) and waits for the broker's acknowledgement, so that a
 * caller that returns "applied" means "durably on the topic". The sources that cannot answer "try again"
 * (Kubernetes, the directory) wait as long as Kafka is away: their records go through the SmallRye {@code records}
 * channel (application.properties: idempotent, {@code acks=all}, no delivery timeout, each record naming its topic).
 * A gRPC write waits a bounded time on a raw producer whose records expire then ({@link ProtobufProducers#bounded}),
 * so it can answer UNAVAILABLE knowing its records were not written; a channel cannot promise that
 * (docs/decisions.md "Kafka through Quarkus").
 */
@ApplicationScoped
public class TopicWriter implements AutoCloseable {

    /** One record to write; a null value is a tombstone. */
    public record Entry(String topic, String key, MessageLite value) {
    }

    /**
     * Where the unbounded writes go: {@code send} hands the record over now and returns a stage that completes when
     * Kafka acknowledged it and fails when the channel gave up on it; in the service, the {@code records} channel's
     * {@code MutinyEmitter::sendMessage}, subscribed at once. (A stage, not a {@code Uni}: tests that run the
     * reconciler without Quarkus in a JVM that ran Quarkus tests cannot initialise Mutiny's context propagation.)
     */
    public interface RecordChannel extends AutoCloseable {
        CompletableFuture<Void> send(OutgoingKafkaRecord<String, MessageLite> record);

        /** Nothing to close for a channel Quarkus owns. */
        @Override
        default void close() {
        }
    }

    /** A bounded write that Kafka did not acknowledge in time: its records are not written and will not be. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How long a bounded write waits for Kafka; its producer's records expire after it. */
    public static final Duration BOUNDED_WAIT = Duration.ofSeconds(5);

    private final RecordChannel channel;
    private final KafkaProducer<String, MessageLite> boundedProducer;
    private final Optional<KafkaClientMetrics> metrics;

    /**
     * In the service: the {@code records} channel (its client metrics reach Micrometer through Quarkus), and the
     * bounded producer from the same Quarkus Kafka configuration (TLS, SASL, ...), metered here. The emitter buffers
     * without a limit: a write of many plans during an outage waits for its acknowledgements, it is never refused.
     */
    @Inject
    public TopicWriter(@Channel("records") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<MessageLite> records, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            MeterRegistry registry) {
        this(record -> records.sendMessage(record).subscribeAsCompletionStage(), kafka, Optional.of(registry));
    }

    /** Any channel (tests and tools: a raw reliable producer), the bounded producer from {@code kafka}. */
    public TopicWriter(RecordChannel channel, Map<String, ?> kafka, Optional<MeterRegistry> registry) {
        this.channel = channel;
        this.boundedProducer = ProtobufProducers.bounded(kafka, "intent-service-api", BOUNDED_WAIT);
        this.metrics = registry.map(r -> KafkaClients.metrics(r, boundedProducer));
    }

    /**
     * Sends every entry, then waits for all acknowledgements, as long as Kafka is away; entries of one key keep their
     * order (they enter the channel in order, and its one idempotent producer keeps it).
     */
    public void writeAll(List<Entry> entries) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            acks.add(channel.send(channelRecordOf(e)));
        }
        for (CompletableFuture<Void> ack : acks) {
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

    /**
     * The channel's record of one entry, with the same trace headers as {@link #recordOf}: the channel's own tracing
     * is off (application.properties), it would start a trace of its own for every record outside one.
     */
    private static OutgoingKafkaRecord<String, MessageLite> channelRecordOf(Entry e) {
        OutgoingKafkaRecord<String, MessageLite> record = KafkaRecord.of(e.topic(), e.key(), e.value());
        for (Header header : TraceHeaders.current()) {
            record = record.withHeader(header.key(), header.value());
        }
        return record;
    }

    @PreDestroy
    @Override
    public void close() {
        metrics.ifPresent(KafkaClientMetrics::close);
        boundedProducer.close(Duration.ofSeconds(5));
        channel.close();
    }
}
