package io.openpe.node.reconcile;

import io.openpe.node.desired.NodePlan;
import io.openpe.node.linux.Enactment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One pass of the loop over one plan: what was enacted, when, and how long it took.
 *
 * @param enactment empty when this agent only observes ({@code openpe.node.enact=false}): the plan was received but
 *                  nothing on the node was touched
 */
public record Convergence(NodePlan plan, Optional<Enactment> enactment, Instant observedAt, Duration took) {

    public boolean enacted() {
        return enactment.isPresent();
    }

    public boolean failed() {
        return enactment.map(Enactment::failed).orElse(false);
    }
}
