package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.step.PackagedCoordinators.Api;
import io.openpe.migration.step.PackagedCoordinators.Coordinator;
import io.openpe.migration.v1.CancelRequest;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.EventKind;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 9's target-unreachable and cancel cases through the whole pipeline: the packaged coordinator as a process
 * ({@link PackagedCoordinators}, shared with {@link PackagedCoordinatorCrashIT}) — gRPC API, Kafka Streams decider on a
 * real broker, dispatcher, executors — against the KubeVirt double's two mock API servers. "Unreachable" is a network
 * partition between the coordinator and cluster B's API server ({@code MockCluster#partition}: 503 to the coordinator,
 * KubeVirt's controllers on B go on). Each case asserts the saga's end state and the objects left on both API servers
 * by the coordinator's ownership label.
 */
// Set by the pom's packaged-coordinator execution only: a narrow -Dtest run must not pick a stale jar in the test phase.
@EnabledIfSystemProperty(named = "openpe.packaged-coordinator", matches = ".+")
class PackagedCoordinatorFaultsIT {
  private static final AtomicInteger CASE = new AtomicInteger();
  /** What a migrated vm-1 leaves: the migration network on both clusters and the VM, now running, on B. */
  private static final TreeSet<String> MIGRATED_A = new TreeSet<>(List.of("L2VNI openperouter-system/migration",
      "NetworkAttachmentDefinition kubevirt/migration-evpn"));
  private static final TreeSet<String> MIGRATED_B = new TreeSet<>(List.of("L2VNI openperouter-system/migration",
      "NetworkAttachmentDefinition kubevirt/migration-evpn", "VirtualMachine default/vm-1"));
  private static final Set<Phase> AFTER_PIVOT = Set.of(Phase.PHASE_PIVOTED, Phase.PHASE_VERIFY_ROUTES);

  private final PackagedCoordinators fixture = new PackagedCoordinators();
  private final Scenario world = fixture.world;
  private final String id = "fault-" + CASE.incrementAndGet();

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  @Test
  void targetUnreachableDuringPreChecksIsRefusedAndTouchesNothing() throws Exception {
    fixture.runKubevirt();
    Map<String, String> beforeA = world.everything(A);
    Map<String, String> beforeB = world.everything(B);
    world.cluster(B).partition();

    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(Map.of()))) {
      PackagedCoordinators.startMigration(api, id);
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_REFUSED, end.getPhase(), end.toString());
    assertTrue(end.getFailureReason().contains("pre-checks failed") && end.getFailureReason().contains(B),
        end.getFailureReason());
    // Every object on both servers with its resource version: no write at all, not even a label.
    assertEquals(beforeA, world.everything(A));
    assertEquals(beforeB, world.everything(B));
  }

  @Test
  void targetUnreachableDuringPreparationIsCompensatedOnceItIsBack() throws Exception {
    fixture.runKubevirt();
    // Cut off exactly at the receiver VM's create on B: the network is ensured on both, nothing else.
    world.cluster(B).partitionAt("POST", "/apis/kubevirt.io/v1/namespaces/default/virtualmachines");

    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(
        Map.of("openpe.migration.saga.deadline.receiver-vm", "3s")))) {
      PackagedCoordinators.startMigration(api, id);
      // Compensating and retrying the receiver's removal on B, which does not answer.
      MigrationSnapshot stuck = api.await(id, Duration.ofSeconds(120), s -> s.getPhase() == Phase.PHASE_COMPENSATING
          && s.getStep().equals("delete-receiver-vm") && s.getAttempt() >= 3);
      assertTrue(world.cluster(B).partitioned(), "the partition began at the receiver's create");
      // The compensation cannot reach B: what was ensured there is still there, and it keeps trying.
      assertEquals(MIGRATED_A, world.labelled(A), stuck.toString());
      assertEquals(MIGRATED_A, world.labelled(B), stuck.toString());
      world.cluster(B).heal();
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_FAILED, end.getPhase(), end.toString());
    assertTrue(end.getFailureReason().startsWith("receiver-vm passed its deadline"), end.getFailureReason());
    assertEquals(new TreeSet<>(), world.labelled(A));
    assertEquals(new TreeSet<>(), world.labelled(B));
    sourceStillRunsOnA();
  }

  @Test
  void targetUnreachableDuringTheMigrationIsNotCancelledBlindlyAndIsReconciledOnReconnect() throws Exception {
    world.kubevirt.failures().syncNeverHappens = true;
    fixture.runKubevirt();

    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(
        Map.of("openpe.migration.saga.deadline.migrating", "3s")))) {
      PackagedCoordinators.startMigration(api, id);
      api.await(id, Duration.ofSeconds(120), s -> s.getPhase() == Phase.PHASE_MIGRATING);
      world.cluster(B).partition();
      // Past the deadline and blind: the saga keeps looking (several unreachable looks after the deadline) and
      // does not compensate.
      await("unreachable looks after the migrating deadline").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> unreachableLooksAfterDeadline(fixture.events(id)) >= 3);
      MigrationSnapshot blind = api.get(id);
      assertEquals(Phase.PHASE_MIGRATING, blind.getPhase(), blind.toString());
      assertTrue(blind.getOverdue(), blind.toString());
      // Meanwhile KubeVirt finishes the migration on its own; then the coordinator reconnects.
      world.kubevirt.failures().syncNeverHappens = false;
      awaitGuestRunningOnB();
      world.cluster(B).heal();
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end.toString());
    List<MigrationEvent> events = fixture.events(id);
    assertTrue(events.stream().noneMatch(e -> e.getKind() == EventKind.EVENT_KIND_COMPENSATING), lines(events));
    assertTrue(events.stream().anyMatch(e -> e.getKind() == EventKind.EVENT_KIND_PIVOTED), lines(events));
    migratedToB();
  }

  @Test
  void cancelBeforeTheMigrationUndoesThePreparation() throws Exception {
    // KubeVirt does not run yet: the receiver VMI never waits for sync, so the saga waits to create the target VMIM.
    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(Map.of()))) {
      PackagedCoordinators.startMigration(api, id);
      api.await(id, Duration.ofSeconds(120), s -> s.getPhase() == Phase.PHASE_TARGET_MIGRATION
          && !s.getProgress().isEmpty());
      assertEquals(MIGRATED_B, world.labelled(B), "the receiver VM exists before the cancel");
      cancel(api);
      fixture.runKubevirt();
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_CANCELLED, end.getPhase(), end.toString());
    assertEquals(new TreeSet<>(), world.labelled(A));
    assertEquals(new TreeSet<>(), world.labelled(B));
    sourceStillRunsOnA();
  }

  @Test
  void cancelDuringTheMigrationCompensatesEverything() throws Exception {
    world.kubevirt.failures().syncNeverHappens = true;
    fixture.runKubevirt();

    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(Map.of()))) {
      PackagedCoordinators.startMigration(api, id);
      api.await(id, Duration.ofSeconds(120), s -> s.getPhase() == Phase.PHASE_MIGRATING
          && !s.getProgress().isEmpty());
      cancel(api);
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_CANCELLED, end.getPhase(), end.toString());
    assertEquals(new TreeSet<>(), world.labelled(A));
    assertEquals(new TreeSet<>(), world.labelled(B));
    sourceStillRunsOnA();
    assertEquals(List.of(), world.switchovers);
  }

  @Test
  void cancelRacingWithThePivotLosesAndTheMigrationGoesForward() throws Exception {
    world.kubevirt.failures().syncNeverHappens = true;
    fixture.runKubevirt();

    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(Map.of()))) {
      PackagedCoordinators.startMigration(api, id);
      api.await(id, Duration.ofSeconds(120), s -> s.getPhase() == Phase.PHASE_MIGRATING);
      // The race, made exact: the guest moves while the coordinator cannot see B, the cancel arrives before it does.
      world.cluster(B).partition();
      world.kubevirt.failures().syncNeverHappens = false;
      awaitGuestRunningOnB();
      // The cancel's answer waits for a look at B; sent without waiting for it.
      MigrationServiceGrpc.newFutureStub(api.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
          .cancel(CancelRequest.newBuilder().setMigrationId(id).setReason("operator").build());
      api.await(id, Duration.ofSeconds(60), MigrationSnapshot::getCancelled);
      world.cluster(B).heal();
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end.toString());
    List<MigrationEvent> events = fixture.events(id);
    assertTrue(events.stream().anyMatch(e -> e.getKind() == EventKind.EVENT_KIND_PIVOTED
        && e.getMessage().startsWith("cancel lost the race with the pivot")), lines(events));
    // The cancel deleted the VMIMs (KubeVirt's cancel) and then looked once: the guest had moved, so nothing that
    // carries it (receiver VM, migration network) was compensated.
    assertTrue(events.stream().noneMatch(e -> e.getStep().equals("delete-receiver-vm")
        || e.getStep().equals("remove-network")), lines(events));
    migratedToB();
  }

  @Test
  void cancelAfterThePivotIsRefusedWithTheReasonAndTheMigrationCompletes() throws Exception {
    fixture.runKubevirt();

    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(coordinator(
        // A window after the pivot to cancel in: verification (no route-service here) waits this long.
        Map.of("openpe.migration.saga.deadline.verify-routes", "10s")))) {
      PackagedCoordinators.startMigration(api, id);
      api.await(id, Duration.ofSeconds(120), s -> AFTER_PIVOT.contains(s.getPhase()));
      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> cancel(api));
      assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode(), refused.toString());
      assertTrue(refused.getStatus().getDescription().contains("pivoted at"), refused.toString());
      end = api.awaitEnd(id);
    }

    assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end.toString());
    assertFalse(end.getCancelled(), end.toString());
    migratedToB();
  }

  private Coordinator coordinator(Map<String, String> properties) {
    return fixture.start("sg-fault-" + id + "-" + ProcessHandle.current().pid(), properties);
  }

  private void cancel(Api api) {
    api.stub().withDeadlineAfter(30, TimeUnit.SECONDS)
        .cancel(CancelRequest.newBuilder().setMigrationId(id).setReason("operator").build());
  }

  /** STEP_UNREACHABLE events of the migrating step after its DEADLINE_PASSED. */
  private static long unreachableLooksAfterDeadline(List<MigrationEvent> events) {
    boolean overdue = false;
    long looks = 0;
    for (MigrationEvent event : events) {
      if (event.getKind() == EventKind.EVENT_KIND_DEADLINE_PASSED && event.getStep().equals("migrating")) {
        overdue = true;
      } else if (overdue && event.getKind() == EventKind.EVENT_KIND_STEP_UNREACHABLE && event.getStep().equals("migrating")) {
        looks++;
      }
    }
    return looks;
  }

  /** KubeVirt done on B: the receiver VM got its run strategy back after the migration completed. */
  private void awaitGuestRunningOnB() {
    await("vm-1 running on " + B).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .ignoreExceptions().until(() -> "Always".equals(Fields.string(world.get(B, ResourceKind.VIRTUAL_MACHINE,
            "default", "vm-1"), "spec", "runStrategy")));
  }

  private void sourceStillRunsOnA() {
    assertEquals("Running", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"));
    assertEquals("Always", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"), "spec",
        "runStrategy"));
    assertNull(world.get(B, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"));
  }

  private void migratedToB() {
    assertEquals(MIGRATED_A, world.labelled(A));
    assertEquals(MIGRATED_B, world.labelled(B));
    assertTrue(world.everything(A).keySet().stream().noneMatch(o -> o.startsWith("VirtualMachineInstanceMigration"))
        && world.everything(B).keySet().stream().noneMatch(o -> o.startsWith("VirtualMachineInstanceMigration")),
        () -> world.everything(A) + " " + world.everything(B));
    assertEquals("Running", Fields.string(world.get(B, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"));
    assertEquals("Halted", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"), "spec",
        "runStrategy"));
  }

  private static String lines(List<MigrationEvent> events) {
    return events.stream().map(e -> e.getKind() + " " + e.getStep() + " " + e.getMessage())
        .collect(Collectors.joining("\n  ", "events:\n  ", ""));
  }
}
