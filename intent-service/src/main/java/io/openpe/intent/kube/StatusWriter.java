package io.openpe.intent.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.openpe.intent.api.IntentStatus;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.api.L3VNI;
import io.openpe.intent.api.Underlay;
import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.reconcile.StatusSink;
import io.openpe.intent.status.ObjectStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Writes {@code Ready}/{@code Degraded} conditions, per-node failures and fleet conflicts to each object's status
 * subresource.
 */
final class StatusWriter implements StatusSink {

    private static final Logger LOG = Logger.getLogger(StatusWriter.class);

    private final KubernetesClient client;
    /** What was last written per object, so unchanged status causes no API call (and no watch event). */
    private final Map<ObjectId, ObjectStatus> written = new ConcurrentHashMap<>();

    StatusWriter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void publish(Collection<ObjectStatus> statuses) {
        for (ObjectStatus status : statuses) {
            if (status.equals(written.get(status.object()))) {
                continue;
            }
            try {
                write(status);
                written.put(status.object(), status);
            } catch (KubernetesClientException e) {
                // The object may be gone, or the API server briefly unreachable; the next round writes again.
                LOG.debugf("status of %s not written: %s", status.object(), e.getMessage());
            }
        }
    }

    private void write(ObjectStatus status) {
        ObjectId id = status.object();
        Class<? extends CustomResource<?, IntentStatus>> type = switch (id.kind()) {
            case ObjectId.UNDERLAY -> Underlay.class;
            case ObjectId.L3VNI -> L3VNI.class;
            case ObjectId.L2VNI -> L2VNI.class;
            default -> throw new IllegalArgumentException(id.kind());
        };
        // A deleted object makes editStatus throw; publish() counts that as "not written" and moves on.
        client.resources(type).inNamespace(id.namespace()).withName(id.name()).editStatus(object -> {
            object.setStatus(toApi(status, object));
            return object;
        });
    }

    private static IntentStatus toApi(ObjectStatus status, HasMetadata object) {
        long generation = status.observedGeneration() != 0 ? status.observedGeneration()
                : object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Condition ready = new ConditionBuilder().withType("Ready").withStatus(status.ready() ? "True" : "False")
                .withReason(status.reason()).withMessage(status.message()).withObservedGeneration(generation)
                .withLastTransitionTime(now).build();
        Condition degraded = new ConditionBuilder().withType("Degraded").withStatus(status.degraded() ? "True" : "False")
                .withReason(status.degraded() ? status.reason() : "AsPlanned")
                .withMessage(status.degraded() ? status.message() : "").withObservedGeneration(generation)
                .withLastTransitionTime(now).build();
        IntentStatus api = new IntentStatus();
        api.setConditions(List.of(ready, degraded));
        api.setNodes(status.nodeFailures().stream()
                .map(f -> new IntentStatus.NodeFailure(f.node(), f.reason())).toList());
        api.setFleet(status.fleet().stream().map(StatusWriter::conflictOf).toList());
        return api;
    }

    private static IntentStatus.FleetConflict conflictOf(FleetFinding finding) {
        IntentStatus.FleetConflict conflict = new IntentStatus.FleetConflict();
        conflict.setCheck(finding.check().reason());
        conflict.setField(finding.field());
        conflict.setValue(finding.here().value());
        conflict.setNode(finding.here().node().orElse(null));
        conflict.setOtherCluster(finding.there().cluster());
        conflict.setOtherObject(finding.there().object().toString());
        conflict.setOtherNode(finding.there().node().orElse(null));
        conflict.setOtherValue(finding.there().value());
        conflict.setMessage(finding.message());
        conflict.setId(finding.id());
        return conflict;
    }
}
