package io.openpe.intent.publish;

import io.openpe.intent.fleet.PlannedNode;
import io.openpe.intent.model.IpAddress;
import io.openpe.intent.v1.NodePlan;
import java.util.Optional;

/** Another cluster's plans, as read from openpe.plans, in the fleet check's terms. */
public final class FleetProtos {

    private FleetProtos() {
    }

    /**
     * The node's planned addresses; empty when the plan has no underlay. Throws {@link IllegalArgumentException}
     * naming the plan when an address does not parse.
     */
    public static Optional<PlannedNode> plannedNode(NodePlan plan) {
        if (!plan.hasUnderlay()) {
            return Optional.empty();
        }
        var underlay = plan.getUnderlay();
        try {
            return Optional.of(new PlannedNode(plan.getNode(), IntentProtos.idOf(underlay.getSource()),
                    IpAddress.parse(underlay.getVtepIp()), IpAddress.parse(underlay.getRouterId())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("plan " + plan.getCluster() + "/" + plan.getNode() + " generation "
                    + plan.getGeneration() + ": underlay: " + e.getMessage(), e);
        }
    }
}
