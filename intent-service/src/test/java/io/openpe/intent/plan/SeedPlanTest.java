package io.openpe.intent.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.model.Asn;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.Neighbor;
import io.openpe.intent.model.Node;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.validation.ConflictResolution;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ObjectValidation;
import io.openpe.intent.validation.TestManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seeds' resources become the plans DESIGN §4 prescribes; every expected value is worked out by hand. */
class SeedPlanTest {
  private static final String NS = "openperouter-system";
  private static final ObjectId UNDERLAY = ObjectId.underlay(NS, "underlay");
  private static final ObjectId RED = ObjectId.l3Vni(NS, "red");
  private static final ObjectId LAYER2 = ObjectId.l2Vni(NS, "layer2");
  private static final ObjectId MIGRATION = ObjectId.l2Vni(NS, "migration");
  private static final Node NODE0 = new Node("pe-kind-control-plane", 0, Map.of());
  private static final Node NODE1 = new Node("pe-kind-worker", 1, Map.of());

  private static Intents winners(String resource) {
    List<Intent> accepted = new ArrayList<>();
    for (HasMetadata object : TestManifests.resource(SeedPlanTest.class, resource)) {
      accepted.add(assertInstanceOf(ObjectValidation.Accepted.class,
          IntentValidation.validateObject(object, Optional.<Intent>empty())).intent());
    }
    ConflictResolution resolution = IntentValidation.resolveConflicts(Intents.of(accepted));
    assertEquals(List.of(), resolution.rejected());
    return resolution.winners();
  }

  @Test
  void node0OfTheSeedCluster() {
    NodePlan plan = NodePlans.forNode("cluster-a", NODE0, winners("cluster.yaml"), PlanSettings.DEFAULTS);
    VethPlan veth100 = new VethPlan("pe-100", "host-100", 1450);
    NodePlan expected = new NodePlan("cluster-a", "pe-kind-control-plane", 0,
        Optional.of(new UnderlayPlan(UNDERLAY, 64514, "10.0.0.1", "100.65.0.0", List.of("toswitch"),
            List.of(new Neighbor(new Asn(64512), "192.168.11.2")), 1500)),
        List.of(new L3DomainPlan(RED, "red", 100, "br-pe-100", new VxlanPlan("vni100", 100, "100.65.0.0", 4789),
            List.of(), List.of(), Optional.of(new HostSessionPlan(veth100, 64514, 64515,
                Optional.of("192.169.10.1/24"), Optional.of("192.169.10.2/24"), Optional.empty(), Optional.empty())),
            "02:64:41:00:00:64")),
        List.of(
            new L2DomainPlan(LAYER2, 110, Optional.of("red"), false, "br-pe-110",
                new VxlanPlan("vni110", 110, "100.65.0.0", 4789), new VethPlan("pe-110", "host-110", 1450),
                new HostBridgePlan("br-hs-110", true), Optional.of("192.170.1.1/24"),
                Optional.of("00:f3:00:00:00:6f")),
            new L2DomainPlan(MIGRATION, 666, Optional.of("rouge"), true, "br-pe-666",
                new VxlanPlan("vni666", 666, "100.65.0.0", 4789), new VethPlan("pe-666", "host-666", 1450),
                new HostBridgePlan("br-hs-666", true), Optional.of("192.170.10.1/24"),
                Optional.of("00:f3:00:00:02:9b"))),
        Optional.empty(),
        List.of(),
        List.of(new PlanWarning(MIGRATION, "spec.vrf", "no L3VNI on node pe-kind-control-plane defines VRF rouge:"
            + " the VRF is local to this node, its gateway answers only here and no type-5 routes leave the node")));
    assertEquals(expected, plan);
  }

  @Test
  void node1GetsTheNextAddressesAndTheSameAnycastGateway() {
    NodePlan plan = NodePlans.forNode("cluster-a", NODE1, winners("cluster.yaml"), PlanSettings.DEFAULTS);
    UnderlayPlan underlay = plan.underlay().orElseThrow();
    assertEquals("100.65.0.1", underlay.vtepIp());
    assertEquals("10.0.0.2", underlay.routerId());
    L3DomainPlan red = plan.l3Domains().getFirst();
    assertEquals("100.65.0.1", red.vxlan().localIp());
    assertEquals(Optional.of("192.169.10.1/24"), red.hostSession().orElseThrow().routerIpv4());
    assertEquals(Optional.of("192.169.10.3/24"), red.hostSession().orElseThrow().hostIpv4());
    assertEquals("02:64:41:00:01:64", red.routerMac());
    L2DomainPlan layer2 = plan.l2Domains().getFirst();
    assertEquals("100.65.0.1", layer2.vxlan().localIp());
    assertEquals(Optional.of("00:f3:00:00:00:6f"), layer2.gatewayMac());
    assertEquals("br-hs-110", layer2.hostBridge().name());
  }

  @Test
  void theFosdemSpellingPlansLikeTheOthers() {
    NodePlan plan = NodePlans.forNode("cluster-b", NODE0, winners("fosdem.yaml"), PlanSettings.DEFAULTS);
    assertEquals(List.of(new L3DomainPlan(RED, "red", 100, "br-pe-100",
        new VxlanPlan("vni100", 100, "100.65.0.0", 4789), List.of(), List.of(), Optional.empty(),
        "02:64:41:00:00:64")), plan.l3Domains());
    L2DomainPlan layer2 = plan.l2Domains().getFirst();
    assertEquals(new HostBridgePlan("br-hs-110", true), layer2.hostBridge());
    assertEquals(false, layer2.vrfNodeLocal());
    assertEquals(List.of(), plan.warnings());
  }
}
