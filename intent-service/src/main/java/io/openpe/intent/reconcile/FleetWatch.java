package io.openpe.intent.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.fleet.ClusterView;
import io.openpe.intent.fleet.FleetCheck;
import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.fleet.PlannedNode;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.publish.CompactedTopics;
import io.openpe.intent.publish.FleetProtos;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ObjectValidation;
import io.openpe.proto.kafka.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The other clusters of the fleet as their intent-services published them (openpe.intents and openpe.plans of the
 * shared Kafka), and the findings of the last fleet check against this cluster. Each finding is logged once when it
 * appears and once when it clears, with its id as correlation id.
 */
public final class FleetWatch {

    private static final Logger LOG = Logger.getLogger(FleetWatch.class);

    /** One other cluster's latest records, by Kafka key, and the view the check uses (rebuilt when they change). */
    private static final class OtherCluster {
        final Map<String, io.openpe.intent.v1.Intent> intents = new TreeMap<>();
        final Map<String, NodePlan> plans = new TreeMap<>();
        ClusterView view;
    }

    private final String cluster;
    private final Map<String, OtherCluster> others = new TreeMap<>();
    private List<FleetFinding> findings = List.of();

    public FleetWatch(String cluster) {
        this.cluster = cluster;
    }

    /**
     * Takes records of openpe.intents and openpe.plans; those of this cluster are ignored (intent-service is their
     * single writer and knows them already). Returns whether another cluster's view changed.
     */
    public synchronized boolean otherClusters(Collection<CompactedTopics.Change> changes) {
        Set<String> changed = new HashSet<>();
        for (CompactedTopics.Change change : changes) {
            int slash = change.key().indexOf('/');
            if (slash <= 0 || change.key().substring(0, slash).equals(cluster)) {
                continue;
            }
            String name = change.key().substring(0, slash);
            OtherCluster other = others.computeIfAbsent(name, n -> new OtherCluster());
            switch (change.topic()) {
                case Topics.INTENTS -> put(other.intents, change.key(), change.value()
                        .map(io.openpe.intent.v1.Intent.class::cast));
                case Topics.PLANS -> put(other.plans, change.key(), change.value().map(NodePlan.class::cast));
                default -> {
                    continue;
                }
            }
            changed.add(name);
        }
        for (String name : List.copyOf(changed)) {
            OtherCluster other = others.get(name);
            ClusterView view = viewOf(name, other);
            if (view.equals(other.view)) {
                changed.remove(name);
            }
            other.view = view;
        }
        others.values().removeIf(o -> o.intents.isEmpty() && o.plans.isEmpty());
        return !changed.isEmpty();
    }

    /** Checks {@code here} against every other cluster; logs what appeared and what cleared since the last check. */
    public synchronized List<FleetFinding> check(ClusterView here) {
        List<FleetFinding> next = FleetCheck.findings(here, others.values().stream().map(o -> o.view).toList());
        if (!next.equals(findings)) {
            next.stream().filter(f -> !findings.contains(f)).forEach(f -> log(f, true));
            findings.stream().filter(f -> !next.contains(f)).forEach(f -> log(f, false));
            findings = next;
        }
        return findings;
    }

    /** The findings {@code here} would have against the other clusters; changes nothing and logs nothing (dry run). */
    public synchronized List<FleetFinding> preview(ClusterView here) {
        return FleetCheck.findings(here, others.values().stream().map(o -> o.view).toList());
    }

    /** This cluster's side of the check: the winning intents and the addresses of the plans about to be published. */
    public static ClusterView viewOf(String cluster, Intents winners, Collection<io.openpe.intent.plan.NodePlan> plans) {
        return new ClusterView(cluster, winners,
                plans.stream().flatMap(p -> PlannedNode.fromPlan(p).stream()).toList());
    }

    /**
     * Another cluster validated like a restore validates (rules can differ between versions) and resolved like a
     * round resolves, so the check sees what that cluster plans. What does not validate or parse is left out and
     * logged: its own intent-service reports it.
     */
    private static ClusterView viewOf(String name, OtherCluster other) {
        List<Intent> accepted = new ArrayList<>();
        for (io.openpe.intent.v1.Intent record : other.intents.values()) {
            HasMetadata object = IntentProtos.toApi(record);
            if (IntentValidation.validateObject(object, Optional.empty()) instanceof ObjectValidation.Accepted a) {
                accepted.add(a.intent());
            } else {
                LOG.debugf("fleet: intent %s of cluster %s does not validate here; not compared", record.getRef(), name);
            }
        }
        List<PlannedNode> nodes = new ArrayList<>();
        for (NodePlan plan : other.plans.values()) {
            try {
                FleetProtos.plannedNode(plan).ifPresent(nodes::add);
            } catch (IllegalArgumentException e) {
                LOG.warnf("fleet: %s; not compared", e.getMessage());
            }
        }
        return new ClusterView(name, IntentValidation.resolveConflicts(Intents.of(accepted)).winners(), nodes);
    }

    private static <T> void put(Map<String, T> records, String key, Optional<T> value) {
        value.ifPresentOrElse(v -> records.put(key, v), () -> records.remove(key));
    }

    private static void log(FleetFinding finding, boolean appeared) {
        MDC.put("fleetFinding", finding.id());
        try {
            if (appeared) {
                LOG.warnf("fleet conflict %s: %s", finding.id(), finding.message());
            } else {
                LOG.infof("fleet conflict cleared %s: %s", finding.id(), finding.message());
            }
        } finally {
            MDC.remove("fleetFinding");
        }
    }
}
