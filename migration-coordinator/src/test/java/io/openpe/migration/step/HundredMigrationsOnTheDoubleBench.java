package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.step.PackagedCoordinators.Api;
import io.openpe.migration.step.PackagedCoordinators.Coordinator;
import io.openpe.migration.v1.EventKind;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark (docs/benchmarks/migration-coordinator.md), never in the normal run (not a *Test or *IT): the packaged
 * coordinator drives migrations on the KubeVirt double, which takes one controller round every {@link #PACE}.
 *
 * <p>Baseline, measured in the same run: one migration alone. The double's own time for it is its rounds that changed
 * something between start and pivot × {@link #PACE} (each KubeVirt transition costs one round; the rounds in between
 * are the double waiting for the coordinator). Then {@link #MIGRATIONS} VMs migrate at once. Printed: start → pivot per migration
 * (mean, p50, max), the coordinator's part beyond the double's time, the ratio to the baseline, and the decider's
 * state changes per second. Verification has no route-service here and ends at its deadline, so start → pivot is
 * the figure (verify + finalize are reported apart).
 */
@EnabledIfSystemProperty(named = "openpe.packaged-coordinator", matches = ".+")
class HundredMigrationsOnTheDoubleBench {
  private static final int MIGRATIONS = Integer.getInteger("openpe.bench.migrations", 100);
  private static final Duration PACE = Duration.ofMillis(Long.getLong("openpe.bench.pace-ms", 100));

  private final PackagedCoordinators fixture = new PackagedCoordinators();
  private final Scenario world = fixture.world;
  /** When each round that changed something ended. */
  private final Queue<Instant> changedRounds = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  @Test
  void hundredMigrationsAtOnceOnTheDoubleThenAKillWithAHundredInFlight() throws Exception {
    List<String> vms = new ArrayList<>();
    List<String> killed = new ArrayList<>();
    for (int i = 0; i < MIGRATIONS; i++) {
      vms.add(copyOfVm1("bench-vm-" + i, i));
      killed.add(copyOfVm1("bench-vm-" + (MIGRATIONS + i), MIGRATIONS + i));
    }
    world.kubevirt.settle();
    fixture.paceKubevirt(PACE, changes -> {
      if (changes > 0) {
        changedRounds.add(Instant.now());
      }
    });
    Coordinator coordinator = fixture.start("sg-bench-" + ProcessHandle.current().pid(),
        Map.of("openpe.migration.saga.deadline.verify-routes", "1s"));
    try (Api api = PackagedCoordinators.api(coordinator)) {
      // Warm-up and baseline: vm-1 alone.
      PackagedCoordinators.startMigration(api, "baseline");
      MigrationSnapshot alone = api.awaitEnd("baseline");
      assertEquals(Phase.PHASE_SUCCEEDED, alone.getPhase(), alone.toString());
      // The double's transitions the pivot needed: its rounds that changed something between start and pivot.
      List<io.openpe.migration.v1.MigrationEvent> history = fixture.events("baseline");
      Instant from = instant(history.getFirst().getAt());
      Instant to = instant(history.stream().filter(e -> e.getKind() == EventKind.EVENT_KIND_PIVOTED).findFirst().orElseThrow()
          .getAt());
      long alonePivot = Duration.between(from, to).toMillis();
      long doubleRounds = changedRounds.stream().filter(at -> at.isAfter(from) && !at.isAfter(to)).count();

      long begin = System.nanoTime();
      Map<String, String> ids = new LinkedHashMap<>();
      for (String vm : vms) {
        String id = idOf(vm);
        ids.put(id, vm);
        api.stub().withDeadlineAfter(60, TimeUnit.SECONDS).start(PackagedCoordinators.request(id, vm));
      }
      List<MigrationSnapshot> ends = new ArrayList<>();
      for (String id : ids.keySet()) {
        ends.add(api.await(id, Duration.ofMinutes(10), s -> PackagedCoordinators.FINAL.contains(s.getPhase())));
      }
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

      for (MigrationSnapshot end : ends) {
        assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end.toString());
      }
      for (String vm : vms) {
        assertEquals("Running", Fields.string(world.get(B, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", vm),
            "status", "phase"), vm);
      }
      Map<String, List<io.openpe.migration.v1.MigrationEvent>> events = fixture.eventsByMigration();
      List<Long> pivots = ids.keySet().stream().map(id -> millis(events.get(id).getFirst().getAt(),
          pivotOf(events.get(id)))).sorted().toList();
      List<Long> afterPivot = ids.keySet().stream().map(id -> millis(pivotOf(events.get(id)),
          events.get(id).getLast().getAt())).sorted().toList();
      long revisions = ends.stream().mapToLong(MigrationSnapshot::getRevision).sum();
      double mean = pivots.stream().mapToLong(Long::longValue).average().orElseThrow();
      long doubleMillis = doubleRounds * PACE.toMillis();
      assertTrue(doubleRounds > 0, "the double changed nothing for the baseline between " + from + " and " + to
          + ": " + changedRounds);
      System.out.printf("migrations on the double (pace %d ms/round): baseline vm-1 alone start->pivot %d ms, the"
              + " double's own part %d rounds with a change = %d ms; coordinator beyond it %d ms%n",
          PACE.toMillis(), alonePivot, doubleRounds, doubleMillis, alonePivot - doubleMillis);
      System.out.printf("%d at once: all ended in %d ms; start->pivot mean %.0f ms, p50 %d ms, max %d ms;"
              + " coordinator beyond the double's part: mean %.0f ms per migration;"
              + " ratio start->pivot mean / the double's own part %.2f (alone: %.2f);"
              + " pivot->end (verify deadline 1 s + finalize) p50 %d ms; decider: %d state changes, %.0f/s%n",
          MIGRATIONS, wall, mean, pivots.get(pivots.size() / 2), pivots.getLast(), mean - doubleMillis,
          mean / doubleMillis, (double) alonePivot / doubleMillis, afterPivot.get(afterPivot.size() / 2), revisions,
          revisions * 1000.0 / wall);
    }
    killedWithAHundredInFlight(coordinator, killed);
  }

  /**
   * A second batch of {@link #MIGRATIONS}, the coordinator killed (SIGKILL) once half of them are migrating: the time
   * from the kill to the restarted coordinator's first decision (any snapshot revision above those at the kill, JVM
   * start included), then every migration must still succeed.
   */
  private void killedWithAHundredInFlight(Coordinator first, List<String> vms) throws Exception {
    String cluster = "sg-bench-" + ProcessHandle.current().pid();
    long revisionsAtKill;
    try (Api api = PackagedCoordinators.api(first)) {
      for (String vm : vms) {
        api.stub().withDeadlineAfter(60, TimeUnit.SECONDS).start(PackagedCoordinators.request(idOf(vm), vm));
      }
      org.awaitility.Awaitility.await("half of the second batch migrating").atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> list(api).stream().filter(s -> vms.contains(s.getRequest().getVmName())
              && s.getPhase().getNumber() >= Phase.PHASE_MIGRATING.getNumber()).count() >= vms.size() / 2);
      revisionsAtKill = list(api).stream().mapToLong(MigrationSnapshot::getRevision).sum();
    }
    long killedAt = System.nanoTime();
    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
    Coordinator second = fixture.start(cluster, Map.of("openpe.migration.saga.deadline.verify-routes", "1s"));
    try (Api api = PackagedCoordinators.api(second)) {
      org.awaitility.Awaitility.await("the restarted coordinator decides").atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
          .until(() -> list(api).stream().mapToLong(MigrationSnapshot::getRevision).sum() > revisionsAtKill);
      long resume = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      for (String vm : vms) {
        MigrationSnapshot end = api.await(idOf(vm), Duration.ofMinutes(10),
            s -> PackagedCoordinators.FINAL.contains(s.getPhase()));
        assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end.toString());
      }
      long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      System.out.printf("SIGKILL with %d in flight (half migrating): kill -> first decision of the restarted"
          + " coordinator %d ms (JVM start included); kill -> all %d succeeded %d ms%n", vms.size(), resume,
          vms.size(), total);
    }
  }

  private static List<MigrationSnapshot> list(Api api) {
    return api.stub().withDeadlineAfter(10, TimeUnit.SECONDS)
        .list(io.openpe.migration.v1.ListRequest.getDefaultInstance()).getMigrationsList();
  }

  private static String idOf(String vm) {
    return "bench-" + vm.substring("bench-vm-".length());
  }

  /** vm-1's spec under another name and MAC, on A, as a fresh object. */
  private String copyOfVm1(String name, int index) {
    GenericKubernetesResource vm = Serialization.clone(world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"));
    vm.getMetadata().setName(name);
    vm.getMetadata().setResourceVersion(null);
    vm.getMetadata().setUid(null);
    vm.getMetadata().setCreationTimestamp(null);
    Map<String, Object> iface = Fields.maps(Fields.list(vm, "spec", "template", "spec", "domain", "devices",
        "interfaces")).getFirst();
    iface.put("macAddress", String.format("02:03:04:06:%02x:%02x", index / 256, index % 256));
    world.op(A, ResourceKind.VIRTUAL_MACHINE).inNamespace("default").resource(vm).create();
    return name;
  }

  private static com.google.protobuf.Timestamp pivotOf(List<io.openpe.migration.v1.MigrationEvent> events) {
    return events.stream().filter(e -> e.getKind() == EventKind.EVENT_KIND_PIVOTED).findFirst().orElseThrow().getAt();
  }

  private static Instant instant(com.google.protobuf.Timestamp at) {
    return Instant.ofEpochSecond(at.getSeconds(), at.getNanos());
  }

  private static long millis(com.google.protobuf.Timestamp from, com.google.protobuf.Timestamp to) {
    return (to.getSeconds() - from.getSeconds()) * 1000 + (to.getNanos() - from.getNanos()) / 1_000_000;
  }
}
