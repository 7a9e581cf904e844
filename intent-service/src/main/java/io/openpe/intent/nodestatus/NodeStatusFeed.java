package io.openpe.intent.nodestatus;

import io.openpe.intent.model.ObjectId;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.node.v1.FieldError;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.node.v1.PlanRefusal;
import io.openpe.proto.kafka.UndecodableRecords;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows openpe.node-status and hands each node's failed objects to the reconciler, so an object's status says on
 * which node it could not be applied and why, including the fields of a plan the node refused whole. The SmallRye
 * {@code node-status} channel (application.properties {@code mp.messaging.incoming.node-status.*}): a consumer group
 * of its own on every start, earliest offsets, nothing committed, so every start reads the compacted topic from the
 * beginning; values arrive as bytes and are decoded here by the shared policy ({@link UndecodableRecords}). Records
 * wait until the state is restored ({@link #open}), as the reconciler knows the cluster's nodes only then.
 */
@ApplicationScoped
public class NodeStatusFeed {

    private static final Logger LOG = Logger.getLogger(NodeStatusFeed.class);

    private final IntentReconciler reconciler;
    private final UndecodableRecords undecodable;
    private final String keyPrefix;
    private final CompletableFuture<Void> restored = new CompletableFuture<>();

    @Inject
    public NodeStatusFeed(IntentReconciler reconciler, UndecodableRecords undecodable) {
        this.reconciler = reconciler;
        this.undecodable = undecodable;
        this.keyPrefix = reconciler.cluster() + "/";
    }

    /** The state is restored: statuses go to the reconciler from now on, those that waited first. */
    public void open() {
        restored.complete(null);
    }

    /** Shutting down before the restore: the waiting record is given up (the next start reads it again). */
    public void close() {
        restored.cancel(false);
    }

    /**
     * One record of openpe.node-status, in order on a worker thread (the reconciler's lock may wait for a Kafka
     * write). A status the reconciler cannot take is logged and the feed goes on with the next one.
     */
    @Incoming("node-status")
    @Blocking
    void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        try {
            restored.get();
        } catch (CancellationException | ExecutionException stopping) {
            return;
        }
        if (record.key() == null || !record.key().startsWith(keyPrefix)) {
            return;
        }
        String node = record.key().substring(keyPrefix.length());
        if (record.value() == null) {
            report(node, Map.of());
            return;
        }
        undecodable.decode(record, NodeStatus.parser()).ifPresent(status -> report(node, failures(status)));
    }

    private void report(String node, Map<ObjectId, String> failures) {
        try {
            reconciler.nodeReported(node, failures);
        } catch (RuntimeException e) {
            LOG.warnf(e, "status of node %s not taken: %s", node, e.getMessage());
        }
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
}
