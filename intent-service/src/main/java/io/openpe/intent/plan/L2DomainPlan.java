package io.openpe.intent.plan;

import io.openpe.intent.model.ObjectId;
import java.util.Optional;

/**
 * One L2VNI on one node. {@code vrfNodeLocal}: no L3VNI on this node defines the VRF, so the VRF exists only here, the
 * gateway answers only here and no type-5 routes leave the node. {@code gatewayIp} is in CIDR notation and
 * {@code gatewayMac} is the anycast MAC, both present only with a gateway.
 */
public record L2DomainPlan(ObjectId source, long vni, Optional<String> vrf, boolean vrfNodeLocal, String bridge,
    VxlanPlan vxlan, VethPlan veth, HostBridgePlan hostBridge, Optional<String> gatewayIp,
    Optional<String> gatewayMac) implements DomainPlan {
}
