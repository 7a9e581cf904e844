package io.openpe.node.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.intent.v1.HostBridgePlan;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.L2DomainPlan;
import io.openpe.intent.v1.Neighbor;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.intent.v1.VethPlan;
import io.openpe.intent.v1.VxlanPlan;
import io.openpe.node.intake.NodePlans;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The proto plan of seed 001/000 for node 0 maps to the same domain plan as {@link SeedPlans}. */
class NodePlansFromProtoTest {

    @Test
    void seedPlanMapsFieldByField() {
        io.openpe.intent.v1.NodePlan proto = io.openpe.intent.v1.NodePlan.newBuilder()
                .setCluster("local").setNode("node-a").setGeneration(1).setContentHash("hash")
                .setUnderlay(UnderlayPlan.newBuilder()
                        .setSource(ObjectRef.newBuilder().setKind(Kind.KIND_UNDERLAY)
                                .setNamespace(SeedPlans.NS).setName("underlay"))
                        .setAsn(64514).setRouterId("10.0.0.1").setVtepIp("100.65.0.0").addNics("toswitch")
                        .addNeighbors(Neighbor.newBuilder().setAsn(64512).setAddress("192.168.11.2"))
                        .setMtu(1500))
                .addL2Domains(L2DomainPlan.newBuilder()
                        .setSource(ObjectRef.newBuilder().setKind(Kind.KIND_L2VNI).setNamespace(SeedPlans.NS)
                                .setName("layer2"))
                        .setVni(110).setBridge("br-pe-110")
                        .setVxlan(VxlanPlan.newBuilder().setName("vni110").setVni(110).setLocalIp("100.65.0.0")
                                .setDstPort(4789))
                        .setVeth(VethPlan.newBuilder().setRouterName("pe-110").setHostName("host-110").setMtu(1450))
                        .setHostBridge(HostBridgePlan.newBuilder().setName("br-hs-110").setAutocreate(true))
                        .setGatewayIp("192.170.1.1/24").setGatewayMac("00:f3:00:00:00:6f"))
                .build();

        assertEquals(SeedPlans.l2Only(List.of("toswitch")), NodePlans.fromProto(proto));
    }

    @Test
    void fourByteAsnsStayPositive() {
        io.openpe.intent.v1.NodePlan proto = io.openpe.intent.v1.NodePlan.newBuilder()
                .setUnderlay(UnderlayPlan.newBuilder().setAsn((int) 4200000000L)).build();
        assertEquals(4200000000L, NodePlans.fromProto(proto).underlay().orElseThrow().asn());
        assertEquals(Optional.empty(), NodePlans.fromProto(proto).bmp());
    }
}
