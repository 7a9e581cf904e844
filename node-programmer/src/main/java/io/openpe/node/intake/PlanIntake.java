package io.openpe.node.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.intent.v1.NodePlan;
import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.desired.PlanValidation;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.trace.PlanTraces;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Reads this node's plans from {@code openpe.plans}: a plain consumer assigned to the one partition that holds the
 * key (no group, no committed offsets), always from the beginning. On a compacted topic that means a restart sees
 * the newest plan again without any local state. Each plan is mapped to the domain record and handed on; ordering
 * and coalescing are the loop's job.
 *
 * <p>Every plan is checked field by field ({@link PlanValidation}) before it is handed on: a plan that breaks a rule
 * goes to the refusal sink whole and never reaches the loop, so nothing of it is built into a command or a
 * configuration line. Within one poll the newest accepted plan is handed on, then the newest refusal if it came
 * after it: a node restarting behind a refused plan still repairs itself to the last good one.
 *
 * <p>A value that does not decode is skipped, counted and logged once ({@link UndecodableRecords}, the policy of
 * every openpe consumer); the next record is read as usual, so one corrupt record cannot stop the node converging.
 *
 * <p>A tombstone for the key (the node left the cluster's plans) is ignored: the node keeps what it has rather than
 * tearing down the data path on a deletion it cannot tell from an operator mistake.
 */
public final class PlanIntake implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PlanIntake.class);

    private final Map<String, ?> kafka;
    private final String key;
    private final Consumer<io.openpe.node.desired.NodePlan> sink;
    private final Consumer<PlanRefusal> refusals;
    private final UndecodableRecords undecodable;
    private final Backoff backoff;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Optional<MeterRegistry> registry = Optional.empty();
    private volatile Optional<PlanTraces> traces = Optional.empty();

    public PlanIntake(String bootstrapServers, String key, Consumer<io.openpe.node.desired.NodePlan> sink,
            Consumer<PlanRefusal> refusals, UndecodableRecords undecodable, Backoff backoff) {
        this(KafkaClients.brokers(bootstrapServers), key, sink, refusals, undecodable, backoff);
    }

    /** @param kafka the service's Quarkus Kafka configuration ({@link KafkaClients}: TLS, SASL, ...) */
    public PlanIntake(Map<String, ?> kafka, String key, Consumer<io.openpe.node.desired.NodePlan> sink,
            Consumer<PlanRefusal> refusals, UndecodableRecords undecodable, Backoff backoff) {
        this.kafka = kafka;
        this.key = key;
        this.sink = sink;
        this.refusals = refusals;
        this.undecodable = undecodable;
        this.backoff = backoff;
        this.thread = Thread.ofPlatform().name("plan-intake").daemon().unstarted(this::run);
    }

    /** Binds each consumer's own metrics (Micrometer {@code kafka.consumer.*}) to {@code registry} while it lives. */
    public PlanIntake withMetrics(MeterRegistry registry) {
        this.registry = Optional.of(registry);
        return this;
    }

    /**
     * Reads each handed-on plan's trace context from its record ({@code traceparent}) into {@code traces}, before the
     * loop sees the plan.
     */
    public PlanIntake withTracing(PlanTraces traces) {
        this.traces = Optional.of(traces);
        return this;
    }

    public void start() {
        thread.start();
    }

    /**
     * The partition the default producer partitioner picks for a key: murmur2 of the key bytes, made positive,
     * modulo the partition count (Kafka's {@code BuiltInPartitioner.partitionForKey}).
     */
    public static int partitionFor(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try (KafkaConsumer<String, byte[]> c = newConsumer();
                    KafkaClientMetrics metrics = registry.map(r -> KafkaClients.metrics(r, c)).orElse(null)) {
                consumer = c;
                if (closed) {
                    return;
                }
                int partitions = c.partitionsFor(Topics.PLANS, Duration.ofSeconds(10)).size();
                if (partitions == 0) {
                    throw new IllegalStateException("topic " + Topics.PLANS + " does not exist yet");
                }
                TopicPartition partition = new TopicPartition(Topics.PLANS, partitionFor(key, partitions));
                c.assign(List.of(partition));
                c.seekToBeginning(List.of(partition));
                LOG.infof("reading plans node=%s from %s", key, partition);
                while (!closed) {
                    deliver(c.poll(Duration.ofSeconds(1)));
                    failures = 0;
                }
            } catch (WakeupException e) {
                return;
            } catch (KafkaException | IllegalStateException e) {
                failures++;
                Duration delay = backoff.delay(failures);
                LOG.warnf("plan intake failed node=%s attempt=%d, retrying in %d ms: %s", key, failures,
                        delay.toMillis(), e.getMessage());
                sleep(delay);
            }
        }
    }

    private void deliver(Iterable<ConsumerRecord<String, byte[]>> records) {
        io.openpe.node.desired.NodePlan newestAccepted = null;
        ConsumerRecord<String, byte[]> acceptedRecord = null;
        PlanRefusal newestRefusal = null;
        ConsumerRecord<String, byte[]> refusedRecord = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!key.equals(record.key())) {
                continue;
            }
            Optional<NodePlan> decoded = undecodable.decode(record, NodePlan.parser());
            if (decoded.isPresent()) {
                io.openpe.node.desired.NodePlan plan = NodePlans.fromProto(decoded.get());
                List<FieldError> errors = PlanValidation.errorsOf(plan);
                if (errors.isEmpty()) {
                    newestAccepted = plan;
                    acceptedRecord = record;
                    newestRefusal = null;
                } else {
                    newestRefusal = new PlanRefusal(plan.generation(), plan.contentHash(), errors);
                    refusedRecord = record;
                }
            }
        }
        if (newestAccepted != null) {
            io.openpe.node.desired.NodePlan accepted = newestAccepted;
            ConsumerRecord<String, byte[]> from = acceptedRecord;
            traces.ifPresent(t -> t.accepted(from, accepted));
            sink.accept(newestAccepted);
        }
        if (newestRefusal != null) {
            PlanRefusal refusal = newestRefusal;
            ConsumerRecord<String, byte[]> from = refusedRecord;
            traces.ifPresent(t -> t.refused(from, refusal));
            refusals.accept(newestRefusal);
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(KafkaClients.consumer(kafka, Map.<String, Object>of(
                ConsumerConfig.CLIENT_ID_CONFIG, "node-programmer-" + key,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void sleep(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        // No interrupt: it would abort the consumer's own close; wakeup ends a poll, the latch ends a backoff.
        closing.countDown();
        try {
            thread.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
