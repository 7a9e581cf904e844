package io.openpe.intent.bench;

import io.openpe.intent.model.Asn;
import io.openpe.intent.model.Cidr;
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
import io.openpe.intent.plan.NodePlan;
import io.openpe.intent.plan.NodePlans;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.validation.ConflictResolution;
import io.openpe.intent.validation.IntentValidation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Planner cost at fleet size: 1,000 nodes, one Underlay, 1,000 L3VNIs (each with a host session) and 1,000 L2VNIs
 * (each with a gateway in its L3VNI's VRF). Every VNI selects every node, the worst case: 2,000,000 domains.
 * Not a test; run with {@code ./mvnw -B -pl intent-service -Pbench test-compile exec:exec}
 * (JAVA_HOME = a JDK 25).
 */
public final class PlannerBenchmark {
  private static final int NODES = 1_000;
  private static final int PAIRS = 1_000;
  private static final int RUNS = 5;
  private static final int WARMUPS = 10;

  private PlannerBenchmark() {
  }

  public static void main(String[] args) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(new Node(String.format("node-%04d", i), i, Map.of("rack", "r" + (i % 10))));
    }
    Intents intents = fleet();
    PlanSettings settings = PlanSettings.DEFAULTS;

    ConflictResolution resolution = IntentValidation.resolveConflicts(intents);
    if (!resolution.rejected().isEmpty()) {
      throw new IllegalStateException("the fleet must be conflict free: " + resolution.rejected().getFirst());
    }
    Intents winners = resolution.winners();
    report("conflict resolution, 2,001 objects", time(() -> IntentValidation.resolveConflicts(intents)));

    Map<String, NodePlan> plans = NodePlans.forNodes("bench", nodes, winners, settings);
    report("full re-plan, 1,000 nodes x 2,000 VNIs", time(() -> NodePlans.forNodes("bench", nodes, winners,
        settings)));

    Intents changedEverywhere = winners.with(l2(PAIRS - 1, NodeSelector.ALL, 9_999_999));
    report("one L2VNI change (VNI selects all 1,000 nodes)", time(() -> NodePlans.replan("bench", plans, nodes,
        winners, changedEverywhere, settings)));
    Intents changedInRack = winners.with(l2(PAIRS - 1, new NodeSelector(Map.of("rack", "r3"), List.of()), 9_999_999));
    report("one L2VNI change (VNI selects 100 nodes)", time(() -> NodePlans.replan("bench", plans, nodes, winners,
        changedInRack, settings)));
    report("  of which: PlanIndex.of(after)", time(() -> io.openpe.intent.plan.PlanIndex.of(changedInRack, settings)));
    report("  of which: IntentDiff.between", time(() -> io.openpe.intent.plan.IntentDiff.between(winners,
        changedInRack)));
    Intents l3Changed = winners.with(l3(0, NodeSelector.ALL, List.of("64514:1")));
    report("one L3VNI change (VNI selects all 1,000 nodes)", time(() -> NodePlans.replan("bench", plans, nodes,
        winners, l3Changed, settings)));

    long total = 0;
    long max = 0;
    for (NodePlan plan : plans.values()) {
      long size = PlanBytes.toProto(plan).getSerializedSize();
      total += size;
      max = Math.max(max, size);
    }
    System.out.printf("plan bytes per node (proto openpe.intent.v1.NodePlan, generation and hash unset): average %d,"
        + " max %d, all nodes %.1f MB%n", total / plans.size(), max, total / 1e6);
    System.out.printf("heap used after planning: %.0f MB%n",
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e6);
  }

  private static Intents fleet() {
    List<Intent> intents = new ArrayList<>();
    intents.add(new Underlay(ObjectId.underlay("bench", "underlay"), 1, new Asn(64514), Cidr.parse("100.65.0.0/16"),
        List.of("toswitch"), List.of(new Neighbor(new Asn(64512), "192.168.11.2")), Cidr.parse("10.0.0.0/16"),
        NodeSelector.ALL));
    for (int i = 0; i < PAIRS; i++) {
      intents.add(l3(i, NodeSelector.ALL, List.of()));
      intents.add(l2(i, NodeSelector.ALL, 0));
    }
    return Intents.of(intents);
  }

  private static L3Vni l3(int i, NodeSelector selector, List<String> exportRts) {
    return new L3Vni(ObjectId.l3Vni("bench", String.format("l3-%04d", i)), 1, new Vni(10_000 + i),
        new VrfName("vrf" + i), Optional.of(new HostSession(Optional.empty(), new Asn(64515),
            Optional.of(Cidr.parse("192.169.0.0/22")), Optional.empty())),
        exportRts.stream().map(io.openpe.intent.model.RouteTarget::parse).toList(), List.of(), 0, selector);
  }

  /** {@code vniOverride} 0 keeps the pair's VNI. */
  private static L2Vni l2(int i, NodeSelector selector, long vniOverride) {
    long vni = vniOverride == 0 ? 20_000 + i : vniOverride;
    return new L2Vni(ObjectId.l2Vni("bench", String.format("l2-%04d", i)), 1, new Vni(vni),
        Optional.of(new VrfName("vrf" + i)), Optional.of(Cidr.parse("172.16." + (i % 250) + ".1/24")),
        new HostMaster(HostMaster.LINUX_BRIDGE, Optional.empty(), true), 0, selector);
  }

  /** Median of {@link #RUNS} timed runs after {@link #WARMUPS} warm-up runs, in milliseconds. */
  private static double time(Supplier<?> work) {
    // Enough warm-up for the JIT to compile the patch path, which a single call runs only once per node.
    for (int i = 0; i < WARMUPS; i++) {
      work.get();
    }
    double[] millis = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      // Garbage of earlier runs (a full re-plan leaves ~1.5 GB) must not be charged to the run being measured.
      System.gc();
      long start = System.nanoTime();
      Object result = work.get();
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (result == null) {
        throw new IllegalStateException();
      }
    }
    Arrays.sort(millis);
    return millis[RUNS / 2];
  }

  private static void report(String what, double millis) {
    System.out.printf("%-55s %10.1f ms (median of %d)%n", what, millis, RUNS);
  }
}
