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

    /**
     * Seed 001's Underlay, {@code l3Count} L3VNIs (VRF {@code v<i>}, VNI 5000+i) and {@code l2Count} L2VNIs (VNI
     * 10000+j, in VRF {@code v<j % l3Count>}, gateway {@link #gateway}): the shape of the netns datapath's crash test
     * and benchmark.
     */
    public static NodePlan vrfs(String cluster, String node, long generation, int l3Count, int l2Count) {
        NodePlan.Builder plan = l2vnis(cluster, node, generation, 10000, l2Count).toBuilder()
                .setContentHash("vrfs-" + l3Count + "-" + l2Count);
        for (int j = 0; j < l2Count; j++) {
            plan.setL2Domains(j, plan.getL2Domains(j).toBuilder().setVrf("v" + (j % l3Count)));
        }
        for (int i = 0; i < l3Count; i++) {
            int vni = 5000 + i;
            plan.addL3Domains(io.openpe.intent.v1.L3DomainPlan.newBuilder()
                    .setSource(ref(cluster, Kind.KIND_L3VNI, "v" + i)).setVrf("v" + i).setVni(vni)
                    .setBridge("br-pe-" + vni)
                    .setVxlan(VxlanPlan.newBuilder().setName("vni" + vni).setVni(vni).setLocalIp("100.65.0.0")
                            .setDstPort(4789))
                    .setRouterMac(String.format("02:00:00:00:%02x:%02x", vni >> 8 & 0xff, vni & 0xff)));
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
