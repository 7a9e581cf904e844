package io.openpe.intent.status;

import io.openpe.intent.model.ObjectId;
import java.util.List;

/**
 * The status of one intent object: {@code Ready} when it is valid and planned on every node it selects,
 * {@code Degraded} when it is accepted but some node could not take it; {@code reason} and {@code message} say why it
 * is not ready; {@code nodeFailures} lists each node that rejected it.
 */
public record ObjectStatus(ObjectId object, long observedGeneration, boolean ready, boolean degraded, String reason,
        String message, List<NodeFailure> nodeFailures) {

    /** One node that could not take the object, and why. */
    public record NodeFailure(String node, String reason) {
    }
}
