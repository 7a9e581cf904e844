package io.openpe.node.report;

import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.StatusSink;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.TraceHeaders;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.header.Header;

/**
 * Publishes one {@code NodeStatus} per convergence to {@code openpe.node-status}, keyed {@code cluster/node}, and
 * waits for the acknowledgement. In the service the records go through the {@code node-status} channel (SmallRye
 * Kafka, configured in application.properties: idempotent, {@code acks=all}, Protobuf values, the service's Kafka
 * configuration with TLS and SASL), so a retried send neither duplicates nor reorders the node's statuses. A send the
 * channel does not acknowledge within {@code ackWait} throws, and the loop retries the pass.
 *
 * <p>Sends time out instead of blocking forever: the loop thread that reports also repairs kernel drift, and a node
 * must keep its data path converged to the last plan while Kafka is away. A status lost to the timeout is
 * re-published by the retry or the next resync (statuses are newest-wins on a compacted topic).
 */
public final class StatusPublisher implements StatusSink {

    /**
     * Where the status records go. The {@code Uni} completes when Kafka acknowledged the record and fails when the
     * channel gave up on it ({@code MutinyEmitter::sendMessage} of the {@code node-status} channel).
     */
    @FunctionalInterface
    public interface StatusChannel {
        Uni<Void> send(OutgoingKafkaRecord<String, NodeStatus> record);
    }

    private final StatusChannel channel;
    private final String cluster;
    private final String node;
    private final Duration ackWait;

    /**
     * @param ackWait how long a report waits for the acknowledgement: longer than the channel's
     *     {@code delivery.timeout.ms}, so that the channel's own verdict normally arrives first
     */
    public StatusPublisher(StatusChannel channel, String cluster, String node, Duration ackWait) {
        this.channel = channel;
        this.cluster = cluster;
        this.node = node;
        this.ackWait = ackWait;
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
        OutgoingKafkaRecord<String, NodeStatus> record = KafkaRecord.of(Topics.NODE_STATUS,
                Topics.nodeKey(cluster, node), status);
        // The pass's trace, when it has one (docs/decisions.md "OpenTelemetry"): written here rather than by the
        // channel's own tracing, which would start a trace of its own for every untraced resync's status.
        for (Header header : TraceHeaders.current()) {
            record = record.withHeader(header.key(), header.value());
        }
        try {
            channel.send(record).await().atMost(ackWait);
        } catch (RuntimeException e) {
            throw new IllegalStateException("node status of " + Topics.nodeKey(cluster, node)
                    + " not acknowledged: " + e.getMessage(), e);
        }
    }
}
