package io.openpe.intent.nodestatus;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.publish.CompactedTopics;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.node.v1.FieldError;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.node.v1.PlanRefusal;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import java.util.Map;
import java.util.TreeMap;

/**
 * Follows openpe.node-status (from the beginning: it is compacted) and hands each node's failed objects to the
 * reconciler, so an object's status says on which node it could not be applied and why, including the fields of a
 * plan the node refused whole.
 */
public final class NodeStatusFeed implements AutoCloseable {

    private final CompactedTopics topic;
    private final IntentReconciler reconciler;
    private final String keyPrefix;

    /**
     * @param kafka the service's Quarkus Kafka configuration
     * @param registry where the consumer's own metrics go ({@code kafka.consumer.*})
     */
    public NodeStatusFeed(Map<String, ?> kafka, IntentReconciler reconciler, UndecodableRecords undecodable,
            MeterRegistry registry) {
        this.topic = new CompactedTopics(kafka, "intent-service-node-status",
                Map.of(Topics.NODE_STATUS, NodeStatus.parser()), undecodable).withMetrics(registry);
        this.reconciler = reconciler;
        this.keyPrefix = reconciler.cluster() + "/";
    }

    public void start() {
        topic.follow("node-status-feed", changes -> changes.forEach(this::apply));
    }

    private void apply(CompactedTopics.Change change) {
        if (!change.key().startsWith(keyPrefix)) {
            return;
        }
        String node = change.key().substring(keyPrefix.length());
        reconciler.nodeReported(node, change.value().map(v -> failures((NodeStatus) v)).orElse(Map.of()));
    }

    /**
     * The node's failed objects that belong to an intent, with their reasons (several per intent are joined), and
     * the fields of a plan the node refused ({@code refused_plan}: nothing of that generation was applied), each on
     * the intent it came from.
     */
    static Map<ObjectId, String> failures(NodeStatus status) {
        Map<ObjectId, String> failed = new TreeMap<>();
        if (status.hasRefusedPlan()) {
            PlanRefusal refusal = status.getRefusedPlan();
            for (FieldError error : refusal.getErrorsList()) {
                if (!error.hasSource()) {
                    continue;
                }
                try {
                    failed.merge(IntentProtos.idOf(error.getSource()), "plan generation " + refusal.getGeneration()
                            + " refused by the node: " + error.getField() + ": " + error.getReason(),
                            (a, b) -> a + "; " + b);
                } catch (IllegalArgumentException notAnIntent) {
                    // A source that names no intent kind: nothing to show it on.
                }
            }
        }
        for (ObjectResult result : status.getResultsList()) {
            if (result.getState() != ObjectResult.State.STATE_FAILED || !result.hasSource()) {
                continue;
            }
            ObjectId object;
            try {
                object = IntentProtos.idOf(result.getSource());
            } catch (IllegalArgumentException notAnIntent) {
                continue;
            }
            String reason = result.getObject() + ": " + result.getReason();
            failed.merge(object, reason, (a, b) -> a + "; " + b);
        }
        return failed;
    }

    @Override
    public void close() {
        topic.close();
    }
}
