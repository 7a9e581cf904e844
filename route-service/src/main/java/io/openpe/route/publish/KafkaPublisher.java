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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.jboss.logging.Logger;

/**
 * Drains the {@link PublishQueue} into Kafka from one thread, in queue order, with an idempotent producer and
 * {@code acks=all} (DESIGN §8), built from the service's Kafka configuration and metered ({@code kafka_producer_*}):
 * one route key's records keep their order. When the broker is slow or gone,
 * {@code send} blocks (max.block.ms is unbounded), the queue fills up, and the BMP sessions stop reading their sockets.
 */
@ApplicationScoped
public class KafkaPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaPublisher.class);
    /** Records taken from the queue at once: enough to fill producer batches, few enough to resume sessions early. */
    private static final int TAKE = 512;

    private final PublishQueue queue;
    private final Map<String, Object> kafka;
    private final MeterRegistry registry;
    private final Map<String, Object> batching;
    private final Counter sent;
    private final Counter failed;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, MessageLite> producer;
    private KafkaClientMetrics metrics;

    /** @param kafka every {@code kafka.*} property (brokers, TLS, SASL): what the producer is built from */
    @Inject
    public KafkaPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            RouteServiceConfig.Publish publish, MeterRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
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
        producer = ProtobufProducers.reliable(kafka, "route-service", batching);
        metrics = KafkaClients.metrics(registry, producer);
        running = true;
        thread = Thread.ofPlatform().name("openpe-kafka-publisher").daemon().start(this::drain);
    }

    private void drain() {
        while (running) {
            try {
                for (Outbound next : queue.take(TAKE, 200, TimeUnit.MILLISECONDS)) {
                    producer.send(new ProducerRecord<>(next.topic(), next.key(), next.value()), (metadata, error) -> {
                        if (error == null) {
                            sent.increment();
                            next.whenStored().run();
                        } else {
                            failed.increment();
                            LOG.errorf("Kafka did not accept %s key %s: %s", next.topic(), next.key(),
                                    error.getMessage());
                        }
                    });
                }
            } catch (InterruptedException | InterruptException e) {
                return;
            }
        }
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
