package io.openpe.node.intake;

import io.openpe.intent.v1.BmpTarget;
import io.openpe.intent.v1.HostSessionPlan;
import io.openpe.intent.v1.L2DomainPlan;
import io.openpe.intent.v1.L3DomainPlan;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.intent.v1.VethPlan;
import io.openpe.intent.v1.VxlanPlan;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.NodePlan.SourceRef;
import java.util.Optional;

/** Maps the proto {@code NodePlan} consumed from {@code openpe.plans} to the domain record. No decisions. */
public final class NodePlans {

    private NodePlans() {
    }

    public static NodePlan fromProto(io.openpe.intent.v1.NodePlan plan) {
        return new NodePlan(plan.getCluster(), plan.getNode(), plan.getGeneration(), plan.getContentHash(),
                plan.hasUnderlay() ? Optional.of(underlayFromProto(plan.getUnderlay())) : Optional.empty(),
                plan.getL3DomainsList().stream().map(NodePlans::l3DomainFromProto).toList(),
                plan.getL2DomainsList().stream().map(NodePlans::l2DomainFromProto).toList(),
                plan.hasBmp() ? Optional.of(bmpFromProto(plan.getBmp())) : Optional.empty());
    }

    static NodePlan.Underlay underlayFromProto(UnderlayPlan underlay) {
        return new NodePlan.Underlay(sourceFromProto(underlay.getSource()), underlay.getAsn() & 0xFFFFFFFFL,
                underlay.getRouterId(), underlay.getVtepIp(), underlay.getNicsList(),
                underlay.getNeighborsList().stream()
                        .map(n -> new NodePlan.Neighbor(n.getAsn() & 0xFFFFFFFFL, n.getAddress())).toList(),
                underlay.getMtu());
    }

    static NodePlan.L3Domain l3DomainFromProto(L3DomainPlan l3) {
        return new NodePlan.L3Domain(sourceFromProto(l3.getSource()), l3.getVrf(), l3.getVni(), l3.getBridge(),
                vxlanFromProto(l3.getVxlan()), l3.getExportRtsList(), l3.getImportRtsList(),
                l3.hasHostSession() ? Optional.of(hostSessionFromProto(l3.getHostSession())) : Optional.empty(),
                present(l3.getRouterMac()));
    }

    static NodePlan.L2Domain l2DomainFromProto(L2DomainPlan l2) {
        return new NodePlan.L2Domain(sourceFromProto(l2.getSource()), l2.getVni(), present(l2.getVrf()),
                l2.getVrfNodeLocal(), l2.getBridge(), vxlanFromProto(l2.getVxlan()), vethFromProto(l2.getVeth()),
                l2.hasHostBridge()
                        ? Optional.of(new NodePlan.HostBridge(l2.getHostBridge().getName(),
                                l2.getHostBridge().getAutocreate()))
                        : Optional.empty(),
                present(l2.getGatewayIp()), present(l2.getGatewayMac()));
    }

    static NodePlan.HostSession hostSessionFromProto(HostSessionPlan session) {
        return new NodePlan.HostSession(vethFromProto(session.getVeth()), session.getRouterAsn() & 0xFFFFFFFFL,
                session.getHostAsn() & 0xFFFFFFFFL, present(session.getRouterIpv4()), present(session.getHostIpv4()),
                present(session.getRouterIpv6()), present(session.getHostIpv6()));
    }

    static NodePlan.VxlanPlan vxlanFromProto(VxlanPlan vxlan) {
        return new NodePlan.VxlanPlan(vxlan.getName(), vxlan.getVni(), vxlan.getLocalIp(), vxlan.getDstPort());
    }

    static NodePlan.VethPair vethFromProto(VethPlan veth) {
        return new NodePlan.VethPair(veth.getRouterName(), veth.getHostName(), veth.getMtu());
    }

    static NodePlan.BmpTarget bmpFromProto(BmpTarget bmp) {
        return new NodePlan.BmpTarget(bmp.getAddress(), bmp.getPort());
    }

    static SourceRef sourceFromProto(ObjectRef ref) {
        String kind = switch (ref.getKind()) {
            case KIND_UNDERLAY -> "Underlay";
            case KIND_L3VNI -> "L3VNI";
            case KIND_L2VNI -> "L2VNI";
            default -> "Unknown";
        };
        return new SourceRef(kind, ref.getNamespace(), ref.getName());
    }

    private static Optional<String> present(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
