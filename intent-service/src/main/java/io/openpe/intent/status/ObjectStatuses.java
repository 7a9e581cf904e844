package io.openpe.intent.status;

import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.NodePlan;
import io.openpe.intent.plan.Rejection;
import io.openpe.intent.validation.ResourceError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Derives every object's status from validation errors, conflict losers and the per-node plans. Pure. */
public final class ObjectStatuses {

    private ObjectStatuses() {
    }

    /**
     * @param accepted   objects that passed per-object validation, with the generation that was accepted
     * @param invalid    latest per-object validation errors (an object can be in both maps: an invalid update of an
     *                   accepted object leaves the accepted version in force)
     * @param conflicts  objects that lost a cross-object conflict
     * @param plans      the current plan of every node
     * @param enactment  what each node's agent reported it could not apply: node → object → reason
     * @param fleet      the conflicts with other clusters; each goes to the status of its {@code here} object
     */
    public static List<ObjectStatus> compute(Collection<? extends Intent> accepted,
            Map<ObjectId, List<ResourceError>> invalid, List<ResourceError> conflicts, Collection<NodePlan> plans,
            Map<String, Map<ObjectId, String>> enactment, List<FleetFinding> fleet) {
        Map<ObjectId, List<ObjectStatus.NodeFailure>> failures = new TreeMap<>();
        for (NodePlan plan : plans) {
            for (Rejection rejection : plan.rejections()) {
                failures.computeIfAbsent(rejection.object(), k -> new ArrayList<>())
                        .add(new ObjectStatus.NodeFailure(plan.node(), rejection.reason()));
            }
        }
        new TreeMap<>(enactment).forEach((node, failed) -> failed.forEach((object, reason) -> failures
                .computeIfAbsent(object, k -> new ArrayList<>()).add(new ObjectStatus.NodeFailure(node, reason))));
        Map<ObjectId, List<ResourceError>> lost = conflicts.stream()
                .collect(Collectors.groupingBy(ResourceError::object, TreeMap::new, Collectors.toList()));
        Map<ObjectId, List<FleetFinding>> fleetOf = fleet.stream()
                .collect(Collectors.groupingBy(f -> f.here().object(), TreeMap::new, Collectors.toList()));
        Map<ObjectId, ObjectStatus> statuses = new TreeMap<>();
        for (Intent intent : accepted) {
            ObjectId id = intent.id();
            List<ObjectStatus.NodeFailure> nodeFailures = failures.getOrDefault(id, List.of());
            List<FleetFinding> conflictsWithOthers = fleetOf.getOrDefault(id, List.of());
            if (invalid.containsKey(id)) {
                statuses.put(id, new ObjectStatus(id, intent.generation(), false, true, "InvalidUpdate",
                        "the last update was rejected, the previous version stays in force: " + messages(invalid.get(id)),
                        nodeFailures, conflictsWithOthers));
            } else if (lost.containsKey(id)) {
                statuses.put(id, new ObjectStatus(id, intent.generation(), false, false, "Conflict",
                        messages(lost.get(id)), nodeFailures, conflictsWithOthers));
            } else if (!nodeFailures.isEmpty()) {
                statuses.put(id, new ObjectStatus(id, intent.generation(), false, true, "NodeFailed",
                        nodeFailures.size() + " node(s) could not apply it: " + nodeFailures.stream()
                                .map(f -> f.node() + ": " + f.reason()).collect(Collectors.joining("; ")),
                        nodeFailures, conflictsWithOthers));
            } else {
                statuses.put(id, new ObjectStatus(id, intent.generation(), true, false, "Planned",
                        "planned on every selected node", List.of(), conflictsWithOthers));
            }
        }
        invalid.forEach((id, errors) -> statuses.putIfAbsent(id,
                new ObjectStatus(id, 0, false, false, "Invalid", messages(errors), List.of(), List.of())));
        return List.copyOf(statuses.values());
    }

    private static String messages(List<ResourceError> errors) {
        return errors.stream().map(ResourceError::message).collect(Collectors.joining("; "));
    }
}
