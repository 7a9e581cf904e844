package io.openpe.node.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.StatusSink;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one {@code NodeStatus} per convergence to {@code openpe.node-status}, keyed {@code cluster/node}, and
 * waits for the acknowledgement. Idempotent producer with {@code acks=all}: a retried send neither duplicates nor
 * reorders the node's statuses. A send that is not acknowledged in time throws, and the loop retries the pass.
 *
 * <p>Unlike {@code ProtobufProducers.reliable}, sends time out instead of blocking forever: the loop thread that
 * reports also repairs kernel drift, and a node must keep its data path converged to the last plan while Kafka is
 * away. A status lost to the timeout is re-published by the retry or the next resync.
 */
public final class StatusPublisher implements StatusSink, AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final String cluster;
    private final String node;
    private final KafkaProducer<String, NodeStatus> producer;
    private Optional<KafkaClientMetrics> metrics = Optional.empty();

    public StatusPublisher(String bootstrapServers, String cluster, String node) {
        this(KafkaClients.brokers(bootstrapServers), cluster, node);
    }

    /** @param kafka the service's Quarkus Kafka configuration ({@link KafkaClients}: TLS, SASL, ...) */
    public StatusPublisher(Map<String, ?> kafka, String cluster, String node) {
        this.cluster = cluster;
        this.node = node;
        this.producer = new KafkaProducer<>(KafkaClients.producer(kafka, Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "node-programmer-" + Topics.nodeKey(cluster, node),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, ACK_TIMEOUT.toMillis())),
                new StringSerializer(), new ProtobufSerializer<>());
    }

    /** Publishes the producer's own metrics to {@code registry} until {@link #close()}. */
    public StatusPublisher withMetrics(MeterRegistry registry) {
        metrics = Optional.of(KafkaClients.metrics(registry, producer));
        return this;
    }

    @Override
    public void report(Convergence convergence) {
        publish(NodeStatuses.toProto(cluster, node, convergence));
    }

    @Override
    public void refusedBeforeAnyPlan(PlanRefusal refusal) {
        publish(NodeStatuses.refusedBeforeAnyPlan(cluster, node, refusal, Clock.systemUTC().instant()));
    }

    private void publish(NodeStatus status) {
        try {
            producer.send(new ProducerRecord<>(Topics.NODE_STATUS, Topics.nodeKey(cluster, node), status))
                    .get(ACK_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing node status", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node status not acknowledged: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        metrics.ifPresent(KafkaClientMetrics::close);
        producer.close(Duration.ofSeconds(5));
    }
}
