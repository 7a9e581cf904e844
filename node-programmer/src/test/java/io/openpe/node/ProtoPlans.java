package io.openpe.node;

import io.openpe.intent.v1.HostBridgePlan;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.L2DomainPlan;
import io.openpe.intent.v1.Neighbor;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.intent.v1.VethPlan;
import io.openpe.intent.v1.VxlanPlan;

/**
 * Proto plans as intent-service publishes them: seed 001's Underlay (no NICs, so nothing outside the lab moves) and
 * {@code count} L2VNIs without VRF from {@code firstVni}, each with its gateway {@code 10.<100+i/256>.<i%256>.1/24}.
 */
public final class ProtoPlans {

    private ProtoPlans() {
    }

    public static NodePlan l2vnis(String cluster, String node, long generation, long firstVni, int count) {
        NodePlan.Builder plan = NodePlan.newBuilder().setCluster(cluster).setNode(node).setGeneration(generation)
                .setContentHash("l2vnis-" + firstVni + "-" + count)
                .setUnderlay(UnderlayPlan.newBuilder()
                        .setSource(ref(cluster, Kind.KIND_UNDERLAY, "underlay"))
                        .setAsn(64514).setRouterId("10.0.0.1").setVtepIp("100.65.0.0").setMtu(1500)
                        .addNeighbors(Neighbor.newBuilder().setAsn(64512).setAddress("192.168.11.2")));
        for (int i = 0; i < count; i++) {
            long vni = firstVni + i;
            plan.addL2Domains(L2DomainPlan.newBuilder()
                    .setSource(ref(cluster, Kind.KIND_L2VNI, "l2-" + vni))
                    .setVni((int) vni)
                    .setBridge("br-pe-" + vni)
                    .setVxlan(VxlanPlan.newBuilder().setName("vni" + vni).setVni((int) vni)
                            .setLocalIp("100.65.0.0").setDstPort(4789))
                    .setVeth(VethPlan.newBuilder().setRouterName("pe-" + vni).setHostName("host-" + vni)
                            .setMtu(1450))
                    .setHostBridge(HostBridgePlan.newBuilder().setName("br-hs-" + vni).setAutocreate(true))
                    .setGatewayIp(gateway(i))
                    .setGatewayMac(String.format("00:f3:%02x:%02x:%02x:%02x", (vni + 1) >> 24 & 0xff,
                            (vni + 1) >> 16 & 0xff, (vni + 1) >> 8 & 0xff, (vni + 1) & 0xff)));
        }
        return plan.build();
    }

    public static String gateway(int i) {
        return "10." + (100 + i / 256) + "." + (i % 256) + ".1/24";
    }

    private static ObjectRef ref(String cluster, Kind kind, String name) {
        return ObjectRef.newBuilder().setCluster(cluster).setKind(kind).setNamespace("lab").setName(name).build();
    }
}
