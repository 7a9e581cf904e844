package io.openpe.node.reconcile;

import io.openpe.node.desired.PlanRefusal;

/** Where the loop reports what the node did ({@code openpe.node-status}). Throws when the report was not stored. */
public interface StatusSink {

    /** A pass over the last accepted plan, with the newest plan's refusal if it was refused. */
    void report(Convergence convergence);

    /** The newest plan was refused before any plan was accepted: the node runs nothing of openpe's yet. */
    void refusedBeforeAnyPlan(PlanRefusal refusal);
}
