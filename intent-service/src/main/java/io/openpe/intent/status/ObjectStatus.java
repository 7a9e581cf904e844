package io.openpe.intent.status;

import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.model.ObjectId;
import java.util.List;

/**
 * The status of one intent object: {@code Ready} when it is valid and planned on every node it selects,
 * {@code Degraded} when it is accepted but some node could not take it; {@code reason} and {@code message} say why it
 * is not ready; {@code nodeFailures} lists each node that rejected it; {@code fleet} lists the conflicts with other
 * clusters this object is part of (this object is each finding's {@code here}). Fleet conflicts change neither
 * {@code ready} nor {@code degraded}: they are warnings, and the object is planned as it is.
 */
public record ObjectStatus(ObjectId object, long observedGeneration, boolean ready, boolean degraded, String reason,
        String message, List<NodeFailure> nodeFailures, List<FleetFinding> fleet) {

    public ObjectStatus {
        nodeFailures = List.copyOf(nodeFailures);
        fleet = List.copyOf(fleet);
    }

    /** One node that could not take the object, and why. */
    public record NodeFailure(String node, String reason) {
    }
}
