package io.openpe.intent.fleet;

import io.openpe.rules.IpAddress;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.NodePlan;
import java.util.Objects;
import java.util.Optional;

/** The addresses one node of a cluster has (or is about to get) from its plan, and the Underlay they come from. */
public record PlannedNode(String node, ObjectId underlay, IpAddress vtepIp, IpAddress routerId) {

    public PlannedNode {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(underlay, "underlay");
        Objects.requireNonNull(vtepIp, "vtepIp");
        Objects.requireNonNull(routerId, "routerId");
    }

    /** The node's planned addresses; empty when no Underlay selects the node (it then has no VTEP). */
    public static Optional<PlannedNode> fromPlan(NodePlan plan) {
        return plan.underlay().map(u -> new PlannedNode(plan.node(), u.source(), IpAddress.parse(u.vtepIp()),
                IpAddress.parse(u.routerId())));
    }
}
