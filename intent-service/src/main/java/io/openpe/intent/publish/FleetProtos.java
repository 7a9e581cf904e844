package io.openpe.intent.publish;

import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.fleet.PlannedNode;
import io.openpe.intent.v1.FleetCheck;
import io.openpe.intent.v1.FleetWarning;
import io.openpe.rules.IpAddress;
import io.openpe.intent.v1.NodePlan;
import java.util.Optional;

/** Another cluster's plans, as read from openpe.plans, in the fleet check's terms; findings as gRPC warnings. */
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

    public static FleetWarning toProto(FleetFinding finding) {
        return FleetWarning.newBuilder()
                .setCheck(check(finding.check()))
                .setObject(IntentProtos.ref(finding.here().cluster(), finding.here().object()))
                .setNode(finding.here().node().orElse(""))
                .setField(finding.field())
                .setValue(finding.here().value())
                .setOtherObject(IntentProtos.ref(finding.there().cluster(), finding.there().object()))
                .setOtherNode(finding.there().node().orElse(""))
                .setOtherValue(finding.there().value())
                .setMessage(finding.message())
                .setId(finding.id())
                .build();
    }

    static FleetCheck check(FleetFinding.Check check) {
        return switch (check) {
            case VTEP_COLLISION -> FleetCheck.FLEET_CHECK_VTEP_COLLISION;
            case ROUTER_ID_COLLISION -> FleetCheck.FLEET_CHECK_ROUTER_ID_COLLISION;
            case VTEP_RANGE_OVERLAP -> FleetCheck.FLEET_CHECK_VTEP_RANGE_OVERLAP;
            case ROUTER_ID_RANGE_OVERLAP -> FleetCheck.FLEET_CHECK_ROUTER_ID_RANGE_OVERLAP;
            case L2VNI_GATEWAY -> FleetCheck.FLEET_CHECK_L2VNI_GATEWAY_MISMATCH;
            case L2VNI_VRF -> FleetCheck.FLEET_CHECK_L2VNI_VRF_MISMATCH;
        };
    }
}
