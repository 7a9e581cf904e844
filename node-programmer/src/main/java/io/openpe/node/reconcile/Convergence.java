package io.openpe.node.reconcile;

import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.linux.Enactment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One pass of the loop over one plan: what was enacted, when, and how long it took.
 *
 * @param enactment empty when this agent only observes ({@code openpe.node.enact=false}): the plan was received but
 *                  nothing on the node was touched
 * @param refused   the newest plan received, when it was refused: newer than {@code plan}, and nothing of it applied
 */
public record Convergence(NodePlan plan, Optional<Enactment> enactment, Instant observedAt, Duration took,
        Optional<PlanRefusal> refused) {

    public Convergence(NodePlan plan, Optional<Enactment> enactment, Instant observedAt, Duration took) {
        this(plan, enactment, observedAt, took, Optional.empty());
    }

    public Convergence withRefused(Optional<PlanRefusal> refusal) {
        return new Convergence(plan, enactment, observedAt, took, refusal);
    }

    public boolean enacted() {
        return enactment.isPresent();
    }

    public boolean failed() {
        return enactment.map(Enactment::failed).orElse(false);
    }
}
