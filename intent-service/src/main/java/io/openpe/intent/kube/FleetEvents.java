package io.openpe.intent.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.openpe.intent.api.Underlay;
import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.reconcile.StatusSink;
import io.openpe.intent.status.ObjectStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Announces fleet conflicts as Kubernetes Events on the object concerned: a {@code Warning} (reason: the check, e.g.
 * {@code VtepCollision}) when a conflict appears, a {@code Normal} {@code FleetConflictCleared} when it is gone.
 * Once per appearance, not per round; after a restart the open conflicts are announced again once.
 */
final class FleetEvents implements StatusSink {

    private static final Logger LOG = Logger.getLogger(FleetEvents.class);
    static final String CLEARED = "FleetConflictCleared";
    private static final String COMPONENT = "intent-service";

    private final KubernetesClient client;
    private final Clock clock;
    /** Per object, the conflicts already announced. */
    private final Map<ObjectId, Set<FleetFinding>> announced = new ConcurrentHashMap<>();

    FleetEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void publish(Collection<ObjectStatus> statuses) {
        Set<ObjectId> present = new HashSet<>();
        for (ObjectStatus status : statuses) {
            present.add(status.object());
            Set<FleetFinding> before = announced.getOrDefault(status.object(), Set.of());
            Set<FleetFinding> now = new HashSet<>();
            for (FleetFinding finding : status.fleet()) {
                if (before.contains(finding) || emit(status.object(), "Warning", finding.check().reason(),
                        finding.message(), finding)) {
                    now.add(finding);
                }
            }
            for (FleetFinding gone : before) {
                if (!status.fleet().contains(gone)
                        && !emit(status.object(), "Normal", CLEARED, "cleared: " + gone.message(), gone)) {
                    now.add(gone);
                }
            }
            if (now.isEmpty()) {
                announced.remove(status.object());
            } else {
                announced.put(status.object(), Set.copyOf(now));
            }
        }
        announced.keySet().retainAll(present);
    }

    /** Creates one event; false when the API server refused it (the next round tries again). */
    private boolean emit(ObjectId object, String type, String reason, String message, FleetFinding finding) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String name = object.name() + "." + HexFormat.of().toHexDigits(now.toEpochMilli() ^ finding.id().hashCode()
                ^ ((long) reason.hashCode() << 32));
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(object.namespace()).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(Underlay.GROUP + "/" + Underlay.VERSION)
                        .withKind(object.kind()).withNamespace(object.namespace()).withName(object.name()).build())
                .withType(type).withReason(reason).withMessage(message + " [" + finding.id() + "]")
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(object.namespace()).resource(event).create();
            return true;
        } catch (KubernetesClientException e) {
            LOG.debugf("event %s on %s not written: %s", reason, object, e.getMessage());
            return false;
        }
    }
}
