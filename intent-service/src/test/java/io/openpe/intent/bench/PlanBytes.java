package io.openpe.intent.bench;

import io.openpe.intent.plan.HostSessionPlan;
import io.openpe.intent.plan.L2DomainPlan;
import io.openpe.intent.plan.L3DomainPlan;
import io.openpe.intent.plan.NodePlan;
import io.openpe.intent.plan.VethPlan;
import io.openpe.intent.plan.VxlanPlan;
import io.openpe.intent.v1.HostBridgePlan;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.Neighbor;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.UnderlayPlan;

/**
 * The benchmark's own field-by-field mapping to the published proto, only to measure plan bytes per node; the
 * service's mapping lives in the publish package.
 */
final class PlanBytes {
  private PlanBytes() {
  }

  static io.openpe.intent.v1.NodePlan toProto(NodePlan plan) {
    var out = io.openpe.intent.v1.NodePlan.newBuilder().setCluster(plan.cluster()).setNode(plan.node())
        .setNodeIndex(plan.nodeIndex());
    plan.underlay().ifPresent(u -> out.setUnderlay(UnderlayPlan.newBuilder().setSource(ref(plan, u.source()))
        .setAsn((int) u.asn()).setRouterId(u.routerId()).setVtepIp(u.vtepIp()).addAllNics(u.nics())
        .addAllNeighbors(u.neighbors().stream().map(n -> Neighbor.newBuilder().setAsn((int) n.asn().value())
            .setAddress(n.address()).build()).toList()).setMtu(u.mtu())));
    for (L3DomainPlan d : plan.l3Domains()) {
      var l3 = io.openpe.intent.v1.L3DomainPlan.newBuilder().setSource(ref(plan, d.source())).setVrf(d.vrf())
          .setVni((int) d.vni()).setBridge(d.bridge()).setVxlan(vxlan(d.vxlan())).addAllExportRts(d.exportRts())
          .addAllImportRts(d.importRts()).setRouterMac(d.routerMac());
      d.hostSession().ifPresent(s -> l3.setHostSession(session(s)));
      out.addL3Domains(l3);
    }
    for (L2DomainPlan d : plan.l2Domains()) {
      out.addL2Domains(io.openpe.intent.v1.L2DomainPlan.newBuilder().setSource(ref(plan, d.source()))
          .setVni((int) d.vni()).setVrf(d.vrf().orElse("")).setVrfNodeLocal(d.vrfNodeLocal()).setBridge(d.bridge())
          .setVxlan(vxlan(d.vxlan())).setVeth(veth(d.veth()))
          .setHostBridge(HostBridgePlan.newBuilder().setName(d.hostBridge().name())
              .setAutocreate(d.hostBridge().autocreate()))
          .setGatewayIp(d.gatewayIp().orElse("")).setGatewayMac(d.gatewayMac().orElse("")));
    }
    return out.build();
  }

  private static ObjectRef ref(NodePlan plan, io.openpe.intent.model.ObjectId id) {
    Kind kind = switch (id.kind()) {
      case io.openpe.intent.model.ObjectId.UNDERLAY -> Kind.KIND_UNDERLAY;
      case io.openpe.intent.model.ObjectId.L3VNI -> Kind.KIND_L3VNI;
      default -> Kind.KIND_L2VNI;
    };
    return ObjectRef.newBuilder().setCluster(plan.cluster()).setKind(kind).setNamespace(id.namespace())
        .setName(id.name()).build();
  }

  private static io.openpe.intent.v1.VxlanPlan vxlan(VxlanPlan v) {
    return io.openpe.intent.v1.VxlanPlan.newBuilder().setName(v.name()).setVni((int) v.vni()).setLocalIp(v.localIp())
        .setDstPort(v.dstPort()).build();
  }

  private static io.openpe.intent.v1.VethPlan veth(VethPlan v) {
    return io.openpe.intent.v1.VethPlan.newBuilder().setRouterName(v.routerName()).setHostName(v.hostName())
        .setMtu(v.mtu()).build();
  }

  private static io.openpe.intent.v1.HostSessionPlan session(HostSessionPlan s) {
    return io.openpe.intent.v1.HostSessionPlan.newBuilder().setVeth(veth(s.veth())).setRouterAsn((int) s.routerAsn())
        .setHostAsn((int) s.hostAsn()).setRouterIpv4(s.routerIpv4().orElse("")).setHostIpv4(s.hostIpv4().orElse(""))
        .setRouterIpv6(s.routerIpv6().orElse("")).setHostIpv6(s.hostIpv6().orElse("")).build();
  }
}
