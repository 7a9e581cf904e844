package io.openpe.route.publish;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.route.config.RouteServiceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.jboss.logging.Logger;

/**
 * Drains the {@link PublishQueue} into Kafka from one thread, in queue order, with an idempotent producer and
 * {@code acks=all} (DESIGN §8), built from the service's Kafka configuration and metered ({@code kafka_producer_*}):
 * one route key's records keep their order. When the broker is slow or gone,
 * {@code send} blocks (max.block.ms is unbounded), the queue fills up, and the BMP sessions stop reading their sockets.
 *
 * <p>One failure policy for every record, route announcements, withdrawals and the start-up reconcile's tombstones
 * alike: retried until Kafka acknowledges it. The producer retries what Kafka calls retriable without end
 * (delivery.timeout.ms is unbounded); a record it gives up on (a non-retriable error) or that {@code send} refuses is
 * sent again after {@link #RETRY}, unless a later record of the same topic and key has been handed to the producer
 * since: that one is the key's state now, and sending the older again would overwrite it.
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
    /** Records taken from the queue at once: enough to fill producer batches, few enough to resume sessions early. */
    private static final int TAKE = 512;
    /** Wait before a record Kafka did not accept is sent again. */
    static final Duration RETRY = Duration.ofSeconds(1);

    private final PublishQueue queue;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final Map<String, Object> batching;
    private final Counter sent;
    private final Counter failed;
    private final Duration retryAfter;
    private final Supplier<Producer<String, MessageLite>> producers;
    /**
     * Per topic and key with a record handed to the producer and not acknowledged: the number of the newest such
     * record. A failed record is sent again only while it is still the newest of its key.
     */
    private final Map<Destination, Long> newest = new ConcurrentHashMap<>();
    /** Failed records waiting to be sent again, oldest first (filled by the producer's thread). */
    private final Queue<Retry> retries = new ConcurrentLinkedQueue<>();
    /** Numbers the records handed to the producer; the publisher thread's only. */
    private long handedOver;
    private volatile boolean running;
    private Thread thread;
    private Producer<String, MessageLite> producer;
    private KafkaClientMetrics metrics;

    /** @param kafka every {@code kafka.*} property (brokers, TLS, SASL): what the producer is built from */
    @Inject
    public KafkaPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            RouteServiceConfig.Publish publish, MeterRegistry registry) {
        this(kafka, publish, registry, RETRY, null);
    }

    /** With the producer {@code producers} makes (tests), or the reliable one from {@code kafka} when null. */
    KafkaPublisher(Map<String, Object> kafka, RouteServiceConfig.Publish publish, MeterRegistry registry,
            Duration retryAfter, Supplier<Producer<String, MessageLite>> producers) {
        this.kafka = kafka;
        this.registry = registry;
        this.retryAfter = retryAfter;
        this.producers = producers;
        // Route records come in bursts of thousands (a session's initial dump): large, compressed batches keep
        // Kafka's per-request cost off the per-record path (docs/benchmarks/route-service.md).
        this.batching = Map.of(ProducerConfig.BATCH_SIZE_CONFIG, publish.batchSize(),
                ProducerConfig.LINGER_MS_CONFIG, publish.lingerMs(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, publish.compression());
        this.queue = new PublishQueue(publish.queueCapacity());
        this.sent = Counter.builder("openpe.publish.records").description("records acknowledged by Kafka")
                .register(registry);
        this.failed = Counter.builder("openpe.publish.failures").description("records Kafka did not accept")
                .register(registry);
        Gauge.builder("openpe.publish.queue.depth", queue, PublishQueue::size)
                .description("records waiting for the Kafka producer").register(registry);
        Gauge.builder("openpe.publish.queue.pauses", queue, PublishQueue::pauses)
                .description("times a BMP session stopped reading because the queue was full").register(registry);
    }

    public PublishQueue queue() {
        return queue;
    }

    public void start(@Observes StartupEvent event) {
        producer = producers != null ? producers.get() : ProtobufProducers.reliable(kafka, "route-service", batching);
        metrics = KafkaClients.metrics(registry, producer);
        running = true;
        thread = Thread.ofPlatform().name("openpe-kafka-publisher").daemon().start(this::drain);
    }

    private void drain() {
        while (running) {
            try {
                for (Retry due = dueRetry(); due != null; due = dueRetry()) {
                    Long newestOfKey = newest.get(due.destination());
                    if (newestOfKey != null && newestOfKey == due.number()) {
                        send(due.record(), due.number());
                    } else {
                        due.record().whenDone().run();  // a later record of its key replaces it
                    }
                }
                for (Outbound next : queue.take(TAKE, 200, TimeUnit.MILLISECONDS)) {
                    long number = ++handedOver;
                    newest.put(new Destination(next.topic(), next.key()), number);
                    send(next, number);
                }
            } catch (InterruptedException | InterruptException e) {
                return;
            }
        }
    }

    private Retry dueRetry() {
        Retry head = retries.peek();
        return head != null && System.nanoTime() - head.failedAt() >= retryAfter.toNanos() ? retries.poll() : null;
    }

    private void send(Outbound next, long number) {
        Destination destination = new Destination(next.topic(), next.key());
        try {
            producer.send(new ProducerRecord<>(next.topic(), next.key(), next.value()), (metadata, error) -> {
                if (error == null) {
                    newest.remove(destination, number);
                    sent.increment();
                    next.whenDone().run();
                } else {
                    failed(next, number, error);
                }
            });
        } catch (InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            // Refused before it reached the producer's buffer (a producer in a failed state, a serializer): the
            // same policy as a refusal by Kafka, and the publisher thread goes on.
            failed(next, number, e);
        }
    }

    private void failed(Outbound record, long number, Exception error) {
        failed.increment();
        LOG.errorf("Kafka did not accept %s key %s (%s); sending it again in %s unless a later record of the key"
                + " replaces it", record.topic(), record.key(), error.getMessage(), retryAfter);
        retries.add(new Retry(record, new Destination(record.topic(), record.key()), number, System.nanoTime()));
    }

    /** Records handed to the producer and not acknowledged yet (retries included). */
    public int unacknowledged() {
        return newest.size();
    }

    private record Destination(String topic, String key) {
    }

    private record Retry(Outbound record, Destination destination, long number, long failedAt) {
    }

    public void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            metrics.close();
            producer.close(Duration.ofSeconds(5));
        }
    }
}
