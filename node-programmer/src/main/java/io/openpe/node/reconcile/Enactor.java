package io.openpe.node.reconcile;

import io.openpe.node.desired.NodePlan;
import io.openpe.node.linux.Enactment;

/**
 * Makes the node match one plan (FRR, then kernel) and says what it did. The production implementation is
 * {@link io.openpe.node.linux.NodeEnactor}; the loop depends only on this port so in-process tests can record calls.
 */
@FunctionalInterface
public interface Enactor {

    Enactment apply(NodePlan plan);
}
