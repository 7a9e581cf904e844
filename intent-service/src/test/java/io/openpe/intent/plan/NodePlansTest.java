package io.openpe.intent.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.model.Asn;
import io.openpe.intent.model.HostMaster;
import io.openpe.intent.model.HostSession;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import io.openpe.intent.model.Neighbor;
import io.openpe.intent.model.Node;
import io.openpe.intent.model.NodeSelector;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import io.openpe.intent.model.Vni;
import io.openpe.intent.model.VrfName;
import io.openpe.rules.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodePlansTest {
  static final String NS = "ns";
  static final NodeSelector RACK_A = new NodeSelector(Map.of("rack", "a"), List.of());

  static Underlay underlay(String name, NodeSelector selector, String vtepCidr) {
    return new Underlay(ObjectId.underlay(NS, name), 1, new Asn(64514), Cidr.parse(vtepCidr), List.of("eth1"),
        List.of(new Neighbor(new Asn(64512), "192.168.11.2")), Underlay.DEFAULT_ROUTER_ID_CIDR, selector);
  }

  static L3Vni l3(String name, long vni, String vrf, NodeSelector selector) {
    return new L3Vni(ObjectId.l3Vni(NS, name), 1, new Vni(vni), new VrfName(vrf), Optional.empty(), List.of(),
        List.of(), 0, selector);
  }

  static L2Vni l2(String name, long vni, Optional<String> vrf, NodeSelector selector) {
    return new L2Vni(ObjectId.l2Vni(NS, name), 1, new Vni(vni), vrf.map(VrfName::new), Optional.empty(),
        new HostMaster(HostMaster.LINUX_BRIDGE, Optional.empty(), true), 0, selector);
  }

  @Test
  void oneUnderlayPerNodeTheFirstByNameWins() {
    Node node = new Node("n1", 3, Map.of("rack", "a"));
    Intents intents = Intents.of(List.of(underlay("b", NodeSelector.ALL, "100.65.0.0/24"),
        underlay("a", RACK_A, "100.66.0.0/24")));
    NodePlan plan = NodePlans.forNode("c", node, intents, PlanSettings.DEFAULTS);
    assertEquals("100.66.0.3", plan.underlay().orElseThrow().vtepIp());
    assertEquals("10.0.0.4", plan.underlay().orElseThrow().routerId());
    assertEquals(List.of(new Rejection(ObjectId.underlay(NS, "b"), "spec.nodeSelector", "node n1 already has"
        + " Underlay ns/a (one Underlay per node, the first by namespace/name wins)")), plan.rejections());
    NodePlan other = NodePlans.forNode("c", new Node("n2", 0, Map.of("rack", "b")), intents, PlanSettings.DEFAULTS);
    assertEquals("100.65.0.0", other.underlay().orElseThrow().vtepIp());
    assertEquals(List.of(), other.rejections());
  }

  @Test
  void domainsNeedAnUnderlayOnTheNode() {
    Node node = new Node("n1", 0, Map.of("rack", "b"));
    Intents intents = Intents.of(List.of(underlay("u", RACK_A, "100.65.0.0/24"), l3("red", 100, "red",
        NodeSelector.ALL), l2("l2", 110, Optional.empty(), NodeSelector.ALL)));
    NodePlan plan = NodePlans.forNode("c", node, intents, PlanSettings.DEFAULTS);
    assertEquals(Optional.empty(), plan.underlay());
    assertEquals(List.of(), plan.l3Domains());
    assertEquals(List.of(
        new Rejection(ObjectId.l2Vni(NS, "l2"), "spec.nodeSelector", "no Underlay selects node n1"),
        new Rejection(ObjectId.l3Vni(NS, "red"), "spec.nodeSelector", "no Underlay selects node n1")),
        plan.rejections());
  }

  @Test
  void aNodeIndexBeyondTheVtepPoolIsRejectedOnThatNodeOnly() {
    Intents intents = Intents.of(List.of(underlay("u", NodeSelector.ALL, "100.65.0.0/30"),
        l2("l2", 110, Optional.empty(), NodeSelector.ALL)));
    NodePlan plan = NodePlans.forNode("c", new Node("n4", 4, Map.of()), intents, PlanSettings.DEFAULTS);
    assertEquals(List.of(
        new Rejection(ObjectId.l2Vni(NS, "l2"), "spec.nodeSelector",
            "the Underlay of node n4, Underlay ns/u, could not be planned on it"),
        new Rejection(ObjectId.underlay(NS, "u"), "spec.evpn.vtepcidr",
            "node index 4 does not fit 100.65.0.0/30: it needs host number 4, the last usable is 3")),
        plan.rejections());
    assertEquals("100.65.0.3",
        NodePlans.forNode("c", new Node("n3", 3, Map.of()), intents, PlanSettings.DEFAULTS).underlay().orElseThrow()
            .vtepIp());
  }

  @Test
  void hostAsnMustDifferFromTheUnderlayAsnWhenTheL3VniHasNone() {
    L3Vni red = new L3Vni(ObjectId.l3Vni(NS, "red"), 1, new Vni(100), new VrfName("red"),
        Optional.of(new HostSession(Optional.empty(), new Asn(64514), Optional.of(Cidr.parse("192.169.10.0/24")),
            Optional.empty())), List.of(), List.of(), 0, NodeSelector.ALL);
    NodePlan plan = NodePlans.forNode("c", new Node("n0", 0, Map.of()),
        Intents.of(List.of(underlay("u", NodeSelector.ALL, "100.65.0.0/24"), red)), PlanSettings.DEFAULTS);
    assertEquals(List.of(new Rejection(red.id(), "spec.hostasn", "must differ from the router ASN 64514 (taken from"
        + " Underlay ns/u because spec.asn is unset), got 64514")), plan.rejections());
  }

  @Test
  void settingsGiveMtuPortAndBmp() {
    PlanSettings settings = new PlanSettings(Optional.of(new BmpTarget("10.1.1.1", 5000)), 9000, 4790);
    NodePlan plan = NodePlans.forNode("c", new Node("n0", 0, Map.of()), Intents.of(List.of(
        underlay("u", NodeSelector.ALL, "100.65.0.0/24"), l2("l2", 110, Optional.empty(), NodeSelector.ALL))),
        settings);
    assertEquals(Optional.of(new BmpTarget("10.1.1.1", 5000)), plan.bmp());
    assertEquals(9000, plan.underlay().orElseThrow().mtu());
    assertEquals(8950, plan.l2Domains().getFirst().veth().mtu());
    assertEquals(4790, plan.l2Domains().getFirst().vxlan().dstPort());
    assertEquals(Optional.empty(), plan.l2Domains().getFirst().gatewayIp());
  }

  @Test
  void domainsAreSortedByVniWhateverTheNames() {
    NodePlan plan = NodePlans.forNode("c", new Node("n0", 0, Map.of()), Intents.of(List.of(
        underlay("u", NodeSelector.ALL, "100.65.0.0/24"), l2("a", 300, Optional.empty(), NodeSelector.ALL),
        l2("b", 20, Optional.empty(), NodeSelector.ALL), l2("c", 100, Optional.empty(), NodeSelector.ALL))),
        PlanSettings.DEFAULTS);
    assertEquals(List.of(20L, 100L, 300L), plan.l2Domains().stream().map(L2DomainPlan::vni).toList());
  }

  @Test
  void replanKeepsUntouchedNodesAndEqualsAFullPlan() {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      nodes.add(new Node("n" + i, i, Map.of("rack", i % 2 == 0 ? "a" : "b", "zone", "z" + (i % 3))));
    }
    NodeSelector zone0 = new NodeSelector(Map.of("zone", "z0"), List.of());
    List<Intent> base = new ArrayList<>(List.of(underlay("u", NodeSelector.ALL, "100.65.0.0/24"),
        l3("red", 100, "red", RACK_A), l3("blue", 200, "blue", NodeSelector.ALL),
        l2("l2-red", 110, Optional.of("red"), NodeSelector.ALL), l2("l2-blue", 210, Optional.of("blue"), zone0),
        l2("plain", 300, Optional.empty(), RACK_A)));
    Intents before = Intents.of(base);
    Map<String, NodePlan> previous = NodePlans.forNodes("c", nodes, before, PlanSettings.DEFAULTS);

    List<Intents> changes = List.of(
        before.with(l3("red", 101, "red", RACK_A)),
        before.without(ObjectId.l3Vni(NS, "red")),
        before.with(l3("red", 100, "red", zone0)),
        before.with(l2("l2-red", 111, Optional.of("red"), zone0)),
        before.with(l2("new", 400, Optional.of("green"), NodeSelector.ALL)),
        before.with(l3("green", 500, "green", zone0)).with(l2("g", 501, Optional.of("green"), NodeSelector.ALL)),
        before.with(underlay("u", RACK_A, "100.65.0.0/24")));
    for (Intents after : changes) {
      Map<String, NodePlan> replanned = NodePlans.replan("c", previous, nodes, before, after, PlanSettings.DEFAULTS);
      assertEquals(NodePlans.forNodes("c", nodes, after, PlanSettings.DEFAULTS), replanned, after.toString());
      IntentDiff diff = IntentDiff.between(before, after);
      for (Node node : nodes) {
        if (!diff.affects(node)) {
          assertSame(previous.get(node.name()), replanned.get(node.name()));
        }
      }
    }
  }

  @Test
  void randomChangesPatchToTheFullPlan() {
    randomWalk("100.65.0.0/24", 7);
  }

  @Test
  void randomChangesPatchToTheFullPlanWhenSomeNodesGetRejections() {
    // A /28 VTEP pool has 16 addresses for 20 nodes: the last nodes cannot be planned, and every domain selecting them
    // becomes a rejection that the patch must drop and add like the domains.
    assertTrue(randomWalk("100.65.0.0/28", 11) > 20, "the walk must have planned rejections");
  }

  /** Returns in how many steps some plan had a rejection. */
  private static int randomWalk(String vtepCidr, long seed) {
    Random random = new Random(seed);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(new Node("n" + i, i, Map.of("zone", "z" + (i % 4))));
    }
    List<NodeSelector> selectors = List.of(NodeSelector.ALL, new NodeSelector(Map.of("zone", "z1"), List.of()),
        new NodeSelector(Map.of(), List.of(new NodeSelector.Requirement("zone", NodeSelector.Operator.NotIn,
            java.util.Set.of("z2")))));
    Intents current = Intents.of(List.of(underlay("u", NodeSelector.ALL, vtepCidr)));
    Map<String, NodePlan> plans = NodePlans.forNodes("c", nodes, current, PlanSettings.DEFAULTS);
    int withRejections = 0;
    for (int step = 0; step < 200; step++) {
      int id = random.nextInt(15);
      String vrf = "v" + random.nextInt(4);
      NodeSelector selector = selectors.get(random.nextInt(selectors.size()));
      Intents next = switch (random.nextInt(4)) {
        case 0 -> current.with(l3("l3-" + id, 1000 + id, "v" + id % 4, selector));
        case 1 -> current.with(l2("l2-" + id, 2000 + id, random.nextBoolean() ? Optional.of(vrf) : Optional.empty(),
            selector));
        case 2 -> current.without(ObjectId.l3Vni(NS, "l3-" + id));
        default -> current.without(ObjectId.l2Vni(NS, "l2-" + id));
      };
      // One L3VNI per VRF, as conflict resolution guarantees for real winners.
      if (next.l3Vnis().stream().map(L3Vni::vrf).distinct().count() != next.l3Vnis().size()) {
        continue;
      }
      Map<String, NodePlan> patched = NodePlans.replan("c", plans, nodes, current, next, PlanSettings.DEFAULTS);
      assertEquals(NodePlans.forNodes("c", nodes, next, PlanSettings.DEFAULTS), patched, "step " + step);
      plans = patched;
      current = next;
      if (plans.values().stream().anyMatch(plan -> !plan.rejections().isEmpty())) {
        withRejections++;
      }
    }
    assertTrue(current.size() > 5, "the walk must have built up some intents");
    return withRejections;
  }
}
