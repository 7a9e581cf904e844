package io.openpe.intent.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.Node;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.NodeIndexes;
import io.openpe.intent.plan.NodePlan;
import io.openpe.intent.plan.NodePlans;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.publish.PlanProtos;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.status.ObjectStatuses;
import io.openpe.intent.v1.NodeFacts;
import io.openpe.intent.v1.Source;
import io.openpe.intent.validation.ConflictResolution;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ObjectValidation;
import io.openpe.intent.validation.ResourceError;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one place that orders intent-service's steps: validate → store the intent → plan → publish the plans that
 * changed → report status. It holds the cluster's state and no rules: validation, planning and status derivation
 * are pure functions elsewhere.
 *
 * <p>Single writer: every change takes one lock, so the three sources (Kubernetes, gRPC, directory) are serialized
 * into one sequence of rounds. Reads never take it: they answer from a copy of the state made at the end of each
 * change ({@link View}), so a write waiting for Kafka holds no reader up. gRPC writes wait a bounded time for the
 * lock and for Kafka, and change nothing when either does not come ({@link #applyWithin}, docs/decisions.md).
 */
public final class IntentReconciler {

    private static final Logger LOG = Logger.getLogger(IntentReconciler.class);

    /** What happened to one submitted object. */
    public sealed interface Outcome {
        record Applied(ObjectId id, long generation) implements Outcome {
        }

        record Unchanged(ObjectId id) implements Outcome {
        }

        record Rejected(ObjectId id, List<ResourceError> errors) implements Outcome {
        }
    }

    private record Accepted(Intent intent, Source source) {
    }

    /** A published plan; the domain record is absent only between a restore and the first round. */
    private record PublishedPlan(long generation, String hash, NodePlan plan) {
        io.openpe.intent.v1.NodePlan toProto() {
            return PlanProtos.toProto(plan).toBuilder().setGeneration(generation).setContentHash(hash).build();
        }
    }

    /** What the last plan round planned from, so the next one can re-plan only what a change touches. */
    private record Round(Map<String, Node> nodes, Intents winners, Map<String, NodePlan> plans) {
    }

    private final String cluster;
    private final PlanSettings settings;
    private final TopicWriter writer;
    private final Map<ObjectId, Accepted> accepted = new TreeMap<>();
    private final Map<ObjectId, List<ResourceError>> invalid = new TreeMap<>();
    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, PublishedPlan> published = new HashMap<>();
    private Round lastRound;
    /** Per node, the objects its agent failed to apply and why (from openpe.node-status). */
    private final Map<String, Map<ObjectId, String>> enactmentFailures = new TreeMap<>();
    private final FleetWatch fleet;
    private StatusSink statusSink = StatusSink.NONE;
    private ReconcileObserver observer = ReconcileObserver.NONE;
    private Consumer<Map<String, Integer>> nodeIndexListener = indexes -> {
    };
    private final ReentrantLock lock = new ReentrantLock();
    /** The records of a bounded change, written at once at its end; null while records are written as they come. */
    private List<TopicWriter.Entry> collected;

    /** What reads answer from: the state as the last change left it (unmodifiable copies). */
    private record View(Map<ObjectId, Accepted> accepted, Map<String, Node> nodes,
            Map<String, PublishedPlan> published) {
    }

    private volatile View view = new View(Map.of(), Map.of(), Map.of());

    /** A bounded write that did not get the lock or Kafka's acknowledgement in time; it changed nothing. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public IntentReconciler(String cluster, PlanSettings settings, TopicWriter writer) {
        this.cluster = cluster;
        this.settings = settings;
        this.writer = writer;
        this.fleet = new FleetWatch(cluster);
    }

    public String cluster() {
        return cluster;
    }

    public void observer(ReconcileObserver observer) {
        lock.lock();
        try {
            this.observer = observer;
        } finally {
            unlock();
        }
    }

    public void statusSink(StatusSink sink) {
        lock.lock();
        try {
            this.statusSink = sink;
        } finally {
            unlock();
        }
    }

    /** Told the node indices after each change, so the Kubernetes edge can persist them as annotations. */
    public void nodeIndexListener(Consumer<Map<String, Integer>> listener) {
        lock.lock();
        try {
            this.nodeIndexListener = listener;
        } finally {
            unlock();
        }
    }

    /**
     * Rebuilds the state from the compacted topics (intents, nodes, plans) on start, so that an unchanged world
     * republishes nothing.
     */
    public void restore(Collection<io.openpe.intent.v1.Intent> intents, Collection<NodeFacts> facts,
            Collection<io.openpe.intent.v1.NodePlan> plans) {
        lock.lock();
        try {
            for (io.openpe.intent.v1.Intent record : intents) {
                HasMetadata object = IntentProtos.toApi(record);
                ObjectValidation result = IntentValidation.validateObject(object, Optional.empty());
                if (result instanceof ObjectValidation.Accepted a) {
                    accepted.put(a.intent().id(), new Accepted(a.intent(), record.getSource()));
                } else if (result instanceof ObjectValidation.Rejected r) {
                    // Rules can tighten between versions; what no longer validates is reported, not planned.
                    LOG.warnf("stored intent %s no longer validates: %s", record.getRef(), r.errors());
                }
            }
            for (NodeFacts f : facts) {
                nodes.put(f.getName(), new Node(f.getName(), f.getIndex(), Map.copyOf(f.getLabelsMap())));
            }
            for (io.openpe.intent.v1.NodePlan plan : plans) {
                published.put(plan.getNode(), new PublishedPlan(plan.getGeneration(), plan.getContentHash(), null));
            }
            LOG.infof("restored %d intents, %d nodes, %d plans from Kafka", accepted.size(), nodes.size(), published.size());
            reconcile();
        } finally {
            unlock();
        }
    }

    /**
     * Records of openpe.intents and openpe.plans as read from the shared Kafka; those of other clusters are checked
     * against this one and the findings go into the objects' status. Plans do not change: a fleet conflict is a
     * warning, not a rejection.
     */
    public void otherClusters(Collection<io.openpe.intent.publish.CompactedTopics.Change> changes) {
        if (fleet.otherClusters(changes)) {
            lock.lock();
            try {
                reportStatus();
            } finally {
                unlock();
            }
        }
    }

    /** Validates and stores one object from a source; re-plans when it changed. */
    public Outcome apply(HasMetadata object, Source source) {
        lock.lock();
        try {
            Outcome outcome = validateAndStore(object, source);
            if (outcome instanceof Outcome.Applied) {
                reconcile();
            } else if (outcome instanceof Outcome.Rejected) {
                reportStatus();
            }
            return outcome;
        } finally {
            unlock();
        }
    }

    /**
     * Makes the objects of {@code source} exactly {@code objects}: applies each and deletes those of that source that
     * are no longer listed (the directory source always knows its complete set). When {@code nodes} is present it
     * also sets the nodes, all in one plan round, so a directory read at start-up publishes each plan once.
     */
    public List<Outcome> replaceSource(Source source, List<HasMetadata> objects,
            Optional<Map<String, Map<String, String>>> nodes) {
        lock.lock();
        try {
            boolean changed = nodes.map(n -> updateNodes(n, Map.of())).orElse(false);
            List<Outcome> outcomes = new ArrayList<>();
            Set<ObjectId> listed = new java.util.HashSet<>();
            for (HasMetadata object : objects) {
                Outcome outcome = validateAndStore(object, source);
                listed.add(idOf(outcome));
                changed |= outcome instanceof Outcome.Applied;
                outcomes.add(outcome);
            }
            for (ObjectId gone : accepted.entrySet().stream()
                    .filter(e -> e.getValue().source() == source && !listed.contains(e.getKey()))
                    .map(Map.Entry::getKey).toList()) {
                changed |= remove(gone);
            }
            invalid.keySet().removeIf(id -> !listed.contains(id) && !accepted.containsKey(id));
            if (changed) {
                reconcile();
            } else {
                reportStatus();
            }
            return outcomes;
        } finally {
            unlock();
        }
    }

    /** The source of the accepted intent {@code id}, if there is one. */
    public Optional<Source> owner(ObjectId id) {
        return Optional.ofNullable(view.accepted().get(id)).map(Accepted::source);
    }

    /**
     * The source of these objects could not be read this time (a YAML file that does not parse): they keep their
     * last good version, and their status says so with {@code reason} until the next good read replaces it.
     */
    public void keptLastGood(Collection<ObjectId> ids, String reason) {
        lock.lock();
        try {
            for (ObjectId id : ids) {
                invalid.put(id, List.of(new ResourceError(id, "source", reason)));
            }
            if (!ids.isEmpty()) {
                reportStatus();
            }
        } finally {
            unlock();
        }
    }

    /** Deletes one object; returns whether it existed. */
    public boolean delete(ObjectId id) {
        lock.lock();
        try {
            return deleteNow(id);
        } finally {
            unlock();
        }
    }

    private boolean deleteNow(ObjectId id) {
        invalid.remove(id);
        boolean existed = remove(id);
        if (existed) {
            reconcile();
        }
        return existed;
    }

    /**
     * A gRPC write: validates every object first and stores none when one is invalid (the outcomes are then the
     * rejections only); otherwise applies them all in one round whose records are written at once.
     *
     * @throws Unavailable when the lock or Kafka's acknowledgement did not come within {@code within}; nothing
     *     changed
     */
    public List<Outcome> applyWithin(List<HasMetadata> objects, Source source, Duration within) {
        return bounded(within, () -> {
            List<Outcome> rejected = new ArrayList<>();
            for (HasMetadata object : objects) {
                ObjectId id = IntentValidation.idOf(object);
                if (validate(object, source, previous(id)) instanceof ObjectValidation.Rejected r) {
                    observer.rejected(id.kind());
                    LOG.warnf("rejected %s: %s", id, r.errors().stream().map(ResourceError::message).toList());
                    rejected.add(new Outcome.Rejected(id, r.errors()));
                }
            }
            if (!rejected.isEmpty()) {
                return rejected;
            }
            List<Outcome> outcomes = new ArrayList<>();
            boolean changed = false;
            for (HasMetadata object : objects) {
                Outcome outcome = validateAndStore(object, source);
                changed |= outcome instanceof Outcome.Applied;
                outcomes.add(outcome);
            }
            if (changed) {
                reconcile();
            }
            return outcomes;
        });
    }

    /** A gRPC delete, bounded like {@link #applyWithin}; returns whether the object existed. */
    public boolean deleteWithin(ObjectId id, Duration within) {
        return bounded(within, () -> deleteNow(id));
    }

    /**
     * Runs one change with a bounded wait for the lock and for Kafka: its records are collected and written at its
     * end in one bounded write; when that fails, the state is put back as it was, so the change did not happen.
     */
    private <T> T bounded(Duration within, Supplier<T> change) {
        try {
            if (!lock.tryLock(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable("another change has been waiting for Kafka for more than "
                        + within.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for the reconciler", e);
        }
        try {
            Map<ObjectId, Accepted> acceptedBefore = new TreeMap<>(accepted);
            Map<ObjectId, List<ResourceError>> invalidBefore = new TreeMap<>(invalid);
            Map<String, PublishedPlan> publishedBefore = new HashMap<>(published);
            Round roundBefore = lastRound;
            collected = new ArrayList<>();
            try {
                T result = change.get();
                List<TopicWriter.Entry> records = collected;
                collected = null;
                writer.writeBounded(records);
                return result;
            } catch (RuntimeException e) {
                // Nothing of the change was written: neither may it stay in the state.
                restore(accepted, acceptedBefore);
                restore(invalid, invalidBefore);
                restore(published, publishedBefore);
                lastRound = roundBefore;
                LOG.warnf("a gRPC write changed nothing: %s", e.getMessage());
                if (e instanceof TopicWriter.Unavailable) {
                    throw new Unavailable(e.getMessage(), e);
                }
                throw e;
            } finally {
                collected = null;
            }
        } finally {
            unlock();
        }
    }

    private static <K, V> void restore(Map<K, V> state, Map<K, V> before) {
        state.clear();
        state.putAll(before);
    }

    /** Ends a change: reads see its result from now on. */
    private void unlock() {
        if (lock.getHoldCount() == 1) {
            view = new View(java.util.Collections.unmodifiableMap(new TreeMap<>(accepted)),
                    java.util.Collections.unmodifiableMap(new TreeMap<>(nodes)), Map.copyOf(published));
        }
        lock.unlock();
    }

    /** Writes records now, or collects them for the bounded write at the end of a gRPC change. */
    private void write(List<TopicWriter.Entry> entries) {
        if (collected != null) {
            collected.addAll(entries);
        } else {
            writer.writeAll(entries);
        }
    }

    /**
     * Sets the cluster's nodes (name → labels). Existing nodes keep their index; new nodes get the lowest free one;
     * removed nodes lose their plan. {@code knownIndexes} are indices persisted elsewhere (node annotations).
     */
    public void setNodes(Map<String, Map<String, String>> labelsByNode, Map<String, Integer> knownIndexes) {
        lock.lock();
        try {
            if (updateNodes(labelsByNode, knownIndexes)) {
                reconcile();
            }
        } finally {
            unlock();
        }
    }

    private boolean updateNodes(Map<String, Map<String, String>> labelsByNode, Map<String, Integer> knownIndexes) {
        Map<String, Integer> existing = new HashMap<>(knownIndexes);
        nodes.values().forEach(n -> existing.putIfAbsent(n.name(), n.index()));
        Map<String, Integer> indexes = NodeIndexes.assign(existing, labelsByNode.keySet());
        Map<String, Node> next = new TreeMap<>();
        labelsByNode.forEach((name, labels) -> next.put(name, new Node(name, indexes.get(name), Map.copyOf(labels))));
        if (next.equals(nodes)) {
            nodeIndexListener.accept(Map.copyOf(indexes));
            return false;
        }
        List<TopicWriter.Entry> entries = new ArrayList<>();
        next.forEach((name, node) -> {
            if (!node.equals(nodes.get(name))) {
                entries.add(new TopicWriter.Entry(Topics.NODES, Topics.nodeKey(cluster, name), NodeFacts.newBuilder()
                        .setCluster(cluster).setName(name).setIndex(node.index()).putAllLabels(node.labels()).build()));
            }
        });
        nodes.keySet().stream().filter(name -> !next.containsKey(name)).forEach(
                name -> entries.add(new TopicWriter.Entry(Topics.NODES, Topics.nodeKey(cluster, name), null)));
        write(entries);
        nodes.clear();
        nodes.putAll(next);
        enactmentFailures.keySet().retainAll(next.keySet());
        nodeIndexListener.accept(Map.copyOf(indexes));
        return true;
    }

    /**
     * A node's agent reported what it applied: its failures become part of the objects' status (per object, per
     * node). Status only; plans do not change.
     */
    public void nodeReported(String node, Map<ObjectId, String> failures) {
        lock.lock();
        try {
            Map<ObjectId, String> previous = enactmentFailures.get(node);
            if (failures.equals(previous == null ? Map.of() : previous)) {
                return;
            }
            if (failures.isEmpty()) {
                enactmentFailures.remove(node);
            } else {
                enactmentFailures.put(node, Map.copyOf(failures));
            }
            reportStatus();
        } finally {
            unlock();
        }
    }

    /**
     * What a dry run found: every validation error (per-object and conflict) of the submitted objects, and the
     * conflicts with other clusters they would be part of (warnings: they would still be applied).
     */
    public record DryRun(List<ResourceError> errors, List<FleetFinding> fleet) {
    }

    /** Validates objects against the current state, plans the result and checks it against the fleet; stores nothing. */
    public DryRun dryRun(List<HasMetadata> objects) {
        View state = view;
        List<ResourceError> errors = new ArrayList<>();
        Map<ObjectId, Intent> candidate = new TreeMap<>();
        state.accepted().forEach((id, a) -> candidate.put(id, a.intent()));
        for (HasMetadata object : objects) {
            ObjectId id = IntentValidation.idOf(object);
            switch (IntentValidation.validateObject(object,
                    Optional.ofNullable(state.accepted().get(id)).map(Accepted::intent))) {
                case ObjectValidation.Accepted a -> candidate.put(id, a.intent());
                case ObjectValidation.Rejected r -> errors.addAll(r.errors());
            }
        }
        ConflictResolution resolution = IntentValidation.resolveConflicts(Intents.of(candidate.values()));
        Set<ObjectId> submitted = objects.stream().map(IntentValidation::idOf).collect(java.util.stream.Collectors.toSet());
        resolution.rejected().stream().filter(e -> submitted.contains(e.object())).forEach(errors::add);
        Map<String, NodePlan> plans = NodePlans.forNodes(cluster, state.nodes().values(), resolution.winners(),
                settings);
        List<FleetFinding> fleetFindings = fleet.preview(FleetWatch.viewOf(cluster, resolution.winners(), plans.values()))
                .stream().filter(f -> submitted.contains(f.here().object())).toList();
        return new DryRun(errors, fleetFindings);
    }

    public List<io.openpe.intent.v1.Intent> intents() {
        return view.accepted().values().stream().map(a -> IntentProtos.toProto(cluster, a.intent(), a.source()))
                .toList();
    }

    /** The plan of {@code node} as last published, with its generation and hash. */
    public Optional<io.openpe.intent.v1.NodePlan> plan(String node) {
        return Optional.ofNullable(view.published().get(node)).filter(p -> p.plan() != null)
                .map(PublishedPlan::toProto);
    }

    /** Every node's plan as last published, by node name. */
    public Map<String, io.openpe.intent.v1.NodePlan> plans() {
        Map<String, io.openpe.intent.v1.NodePlan> plans = new TreeMap<>();
        view.published().forEach((node, p) -> {
            if (p.plan() != null) {
                plans.put(node, p.toProto());
            }
        });
        return plans;
    }

    // ---- one round: plan every node, publish what changed, report status

    private void reconcile() {
        long start = System.nanoTime();
        ConflictResolution resolution = resolveConflicts();
        Map<String, NodePlan> plans = planNodes(resolution.winners());
        int published = publishChangedPlans(plans);
        reportStatus(resolution, plans);
        observer.round(plans.size(), published, System.nanoTime() - start);
    }

    /** Cross-object rules over every accepted object: the first by namespace/name wins. */
    private ConflictResolution resolveConflicts() {
        return IntentValidation.resolveConflicts(
                Intents.of(accepted.values().stream().map(Accepted::intent).toList()));
    }

    /**
     * The complete desired state of each node. When only intents changed since the last round, nodes the change does
     * not select keep their previous plan and the others are patched; otherwise every node is planned afresh.
     */
    private Map<String, NodePlan> planNodes(Intents winners) {
        Map<String, NodePlan> plans = lastRound != null && lastRound.nodes().equals(nodes)
                ? NodePlans.replan(cluster, lastRound.plans(), nodes.values(), lastRound.winners(), winners, settings)
                : NodePlans.forNodes(cluster, nodes.values(), winners, settings);
        lastRound = new Round(Map.copyOf(nodes), winners, plans);
        return plans;
    }

    /** Publishes only plans whose content changed (new generation), and tombstones plans of removed nodes. */
    private int publishChangedPlans(Map<String, NodePlan> plans) {
        List<TopicWriter.Entry> entries = new ArrayList<>();
        Map<String, PublishedPlan> next = new HashMap<>();
        plans.forEach((node, plan) -> {
            PublishedPlan last = published.get(node);
            if (last != null && plan.equals(last.plan())) {
                next.put(node, last);
                return;
            }
            io.openpe.intent.v1.NodePlan unnumbered = PlanProtos.toProto(plan);
            String hash = PlanProtos.contentHash(unnumbered);
            if (last != null && hash.equals(last.hash())) {
                next.put(node, new PublishedPlan(last.generation(), hash, plan));
                return;
            }
            long generation = last == null ? 1 : last.generation() + 1;
            io.openpe.intent.v1.NodePlan numbered = unnumbered.toBuilder().setGeneration(generation).setContentHash(hash).build();
            entries.add(new TopicWriter.Entry(Topics.PLANS, Topics.nodeKey(cluster, node), numbered));
            next.put(node, new PublishedPlan(generation, hash, plan));
            LOG.infof("plan %s/%s generation %d: %d L3, %d L2, %d rejected, %d warnings", cluster, node, generation,
                    plan.l3Domains().size(), plan.l2Domains().size(), plan.rejections().size(), plan.warnings().size());
        });
        for (String gone : published.keySet()) {
            if (!plans.containsKey(gone)) {
                entries.add(new TopicWriter.Entry(Topics.PLANS, Topics.nodeKey(cluster, gone), null));
                LOG.infof("plan %s/%s deleted: node is gone", cluster, gone);
            }
        }
        write(entries);
        published.clear();
        published.putAll(next);
        return entries.size();
    }

    private void reportStatus() {
        ConflictResolution resolution = resolveConflicts();
        Map<String, NodePlan> plans = new LinkedHashMap<>();
        published.forEach((node, p) -> {
            if (p.plan() != null) {
                plans.put(node, p.plan());
            }
        });
        reportStatus(resolution, plans);
    }

    private void reportStatus(ConflictResolution resolution, Map<String, NodePlan> plans) {
        List<FleetFinding> findings = fleet.check(FleetWatch.viewOf(cluster, resolution.winners(), plans.values()));
        observer.state(accepted.size(), invalid.size(), nodes.size(), resolution.rejected().size());
        observer.fleet(findings);
        statusSink.publish(ObjectStatuses.compute(accepted.values().stream().map(Accepted::intent).toList(),
                invalid, resolution.rejected(), plans.values(), enactmentFailures, findings));
    }

    // ---- per-object steps

    private Outcome validateAndStore(HasMetadata object, Source source) {
        ObjectId id = IntentValidation.idOf(object);
        Optional<Intent> previous = previous(id);
        ObjectValidation result = validate(object, source, previous);
        if (result instanceof ObjectValidation.Rejected rejected) {
            invalid.put(id, rejected.errors());
            observer.rejected(id.kind());
            LOG.warnf("rejected %s: %s", id, rejected.errors().stream().map(ResourceError::message).toList());
            return new Outcome.Rejected(id, rejected.errors());
        }
        Intent intent = ((ObjectValidation.Accepted) result).intent();
        invalid.remove(id);
        if (previous.isPresent() && previous.get().equals(intent)) {
            return new Outcome.Unchanged(id);
        }
        if (source != Source.SOURCE_KUBERNETES && previous.isPresent()) {
            object.getMetadata().setGeneration(previous.get().generation() + 1);
            intent = ((ObjectValidation.Accepted) IntentValidation.validateObject(object, previous)).intent();
        }
        write(List.of(new TopicWriter.Entry(Topics.INTENTS, IntentProtos.key(cluster, id),
                IntentProtos.toProto(cluster, intent, source))));
        accepted.put(id, new Accepted(intent, source));
        LOG.infof("accepted %s generation %d from %s", id, intent.generation(), source);
        return new Outcome.Applied(id, intent.generation());
    }

    private static ObjectValidation validate(HasMetadata object, Source source, Optional<Intent> previous) {
        if (source != Source.SOURCE_KUBERNETES) {
            // Only Kubernetes keeps metadata.generation; for the other sources intent-service counts.
            object.getMetadata().setGeneration(previous.map(Intent::generation).orElse(1L));
        }
        return IntentValidation.validateObject(object, previous);
    }

    private boolean remove(ObjectId id) {
        if (!accepted.containsKey(id)) {
            return false;
        }
        // Written before forgotten: a write that fails leaves the intent in place.
        write(List.of(new TopicWriter.Entry(Topics.INTENTS, IntentProtos.key(cluster, id), null)));
        accepted.remove(id);
        LOG.infof("deleted %s", id);
        return true;
    }

    private Optional<Intent> previous(ObjectId id) {
        return Optional.ofNullable(accepted.get(id)).map(Accepted::intent);
    }

    private static ObjectId idOf(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied a -> a.id();
            case Outcome.Unchanged u -> u.id();
            case Outcome.Rejected r -> r.id();
        };
    }
}
