package io.openpe.intent.bench;

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
import io.openpe.intent.plan.IntentDiff;
import io.openpe.intent.plan.NodePlan;
import io.openpe.intent.plan.NodePlans;
import io.openpe.intent.plan.PlanIndex;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.PlanProtos;
import io.openpe.intent.validation.ConflictResolution;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.rules.Cidr;
import io.openpe.rules.RouteTarget;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final int RUNS = 9;
  // Enough warm-up for the JIT to compile the patch path, which a single call runs only once per node.
  private static final int WARMUPS = 10;
  // The full re-plan and the publish step run long enough to compile within a few calls.
  private static final int LONG_RUNS = 5;
  private static final int LONG_WARMUPS = 3;

  private PlannerBenchmark() {
  }

  public static void main(String[] args) throws IOException {
    System.out.printf("load average at start: %s%n", loadAverage());
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

    long heapBefore = liveHeap();
    Map<String, NodePlan> plans = NodePlans.forNodes("bench", nodes, winners, settings);
    System.out.printf("live heap held by the plans of 1,000 nodes: %.0f MB%n", (liveHeap() - heapBefore) / 1e6);
    report("full re-plan, 1,000 nodes x 2,000 VNIs", time(LONG_WARMUPS, LONG_RUNS,
        () -> NodePlans.forNodes("bench", nodes, winners, settings)));

    NodeSelector rack3 = new NodeSelector(Map.of("rack", "r3"), List.of());
    Intents changedEverywhere = winners.with(l2(PAIRS - 1, NodeSelector.ALL, 9_999_999));
    report("one L2VNI change, selects all 1,000 nodes", time(() -> NodePlans.replan("bench", plans, nodes,
        winners, changedEverywhere, settings)));
    Intents addedInRack = winners.with(new L2Vni(ObjectId.l2Vni("bench", "l2-rack3"), 1, new Vni(9_999_998),
        Optional.empty(), Optional.empty(), new HostMaster(HostMaster.LINUX_BRIDGE, Optional.empty(), true), 0,
        rack3));
    report("one L2VNI added, selects 100 nodes", time(() -> NodePlans.replan("bench", plans, nodes, winners,
        addedInRack, settings)));
    Intents narrowedToRack = winners.with(l2(PAIRS - 1, rack3, 9_999_999));
    report("one L2VNI change, from all nodes to 100", time(() -> NodePlans.replan("bench", plans, nodes, winners,
        narrowedToRack, settings)));
    report("  of which: PlanIndex.of(after)", time(() -> PlanIndex.of(narrowedToRack, settings)));
    report("  of which: IntentDiff.between", time(() -> IntentDiff.between(winners, narrowedToRack)));
    Intents l3Changed = winners.with(l3(0, NodeSelector.ALL, List.of("64514:1")));
    report("one L3VNI change, selects all 1,000 nodes", time(() -> NodePlans.replan("bench", plans, nodes,
        winners, l3Changed, settings)));

    // The reconciler's publish step for the plans a change altered: equals() against the last published plan, then
    // the proto and its content hash (IntentReconciler.publishChangedPlans).
    Map<String, NodePlan> replanned = NodePlans.replan("bench", plans, nodes, winners, changedEverywhere, settings);
    List<String> changed = replanned.keySet().stream().filter(n -> !replanned.get(n).equals(plans.get(n))).toList();
    Timing publish = time(LONG_WARMUPS, LONG_RUNS, () -> {
      int hashed = 0;
      for (String node : changed) {
        NodePlan plan = replanned.get(node);
        if (!plan.equals(plans.get(node))) {
          hashed += PlanProtos.contentHash(PlanProtos.toProto(plan)).length();
        }
      }
      return hashed;
    });
    report("publish step, " + changed.size() + " changed plans", publish);
    System.out.printf("%-45s %8.2f ms wall %8.2f ms cpu%n", "publish step per changed plan",
        publish.wallMillis() / changed.size(), publish.cpuMillis() / changed.size());

    long total = 0;
    long max = 0;
    for (NodePlan plan : plans.values()) {
      long size = PlanProtos.numbered(PlanProtos.toProto(plan), 1).getSerializedSize();
      total += size;
      max = Math.max(max, size);
    }
    System.out.printf("plan bytes per node (openpe.intent.v1.NodePlan as published): average %d, max %d,"
        + " all nodes %.1f MB%n", total / plans.size(), max, total / 1e6);
    System.out.printf("load average at end: %s%n", loadAverage());
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
        exportRts.stream().map(RouteTarget::parse).toList(), List.of(), 0, selector);
  }

  /** {@code vniOverride} 0 keeps the pair's VNI. */
  private static L2Vni l2(int i, NodeSelector selector, long vniOverride) {
    long vni = vniOverride == 0 ? 20_000 + i : vniOverride;
    return new L2Vni(ObjectId.l2Vni("bench", String.format("l2-%04d", i)), 1, new Vni(vni),
        Optional.of(new VrfName("vrf" + i)), Optional.of(Cidr.parse("172.16." + (i % 250) + ".1/24")),
        new HostMaster(HostMaster.LINUX_BRIDGE, Optional.empty(), true), 0, selector);
  }

  /** Medians of wall-clock and main-thread CPU time, in milliseconds. */
  private record Timing(double wallMillis, double cpuMillis, int runs) {
  }

  private static Timing time(Supplier<?> work) {
    return time(WARMUPS, RUNS, work);
  }

  /**
   * Medians of {@code runs} timed runs after {@code warmups} warm-up runs. CPU time of the main thread is reported
   * next to wall time because the machine is shared: waiting for a core counts in wall time only (garbage collection
   * by other threads counts in neither, so both start after a collection).
   */
  private static Timing time(int warmups, int runs, Supplier<?> work) {
    for (int i = 0; i < warmups; i++) {
      work.get();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      // Garbage of earlier runs (a full re-plan leaves ~0.5 GB) must not be charged to the run being measured.
      System.gc();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Object result = work.get();
      wall[i] = (System.nanoTime() - start) / 1e6;
      cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      if (result == null) {
        throw new IllegalStateException();
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    return new Timing(wall[runs / 2], cpu[runs / 2], runs);
  }

  private static void report(String what, Timing timing) {
    System.out.printf("%-45s %8.1f ms wall %8.1f ms cpu (medians of %d)%n", what, timing.wallMillis(),
        timing.cpuMillis(), timing.runs());
  }

  private static long liveHeap() {
    System.gc();
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }
}
