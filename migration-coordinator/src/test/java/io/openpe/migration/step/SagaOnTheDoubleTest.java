package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.dispatch.MacLocator;
import io.openpe.migration.dispatch.StepRunner;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.network.MigrationNetworks;
import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.Decision;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.MigrationSaga;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.saga.Saga;
import io.openpe.migration.saga.SagaInput;
import io.openpe.migration.saga.SagaPolicy;
import io.openpe.migration.saga.SagaState;
import io.openpe.migration.saga.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The pure saga driving the real executors through the dispatcher's {@link StepRunner} against the KubeVirt double on
 * two mock API servers. The test is the decider's loop: results go back into {@code decide}; when nothing is due,
 * KubeVirt takes one round and the clock moves on by the backoff.
 */
class SagaOnTheDoubleTest {
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
  private final Scenario world = new Scenario();
  private static final String SOURCE_VTEP = "100.65.0.1";
  private static final String TARGET_VTEP = "100.65.0.9";
  /**
   * What route-service's LocateMac would answer: the VM's MAC behind cluster A's VTEP until KubeVirt moves the VM
   * and it announces itself with a gratuitous ARP; every such move raises the MAC mobility sequence by one.
   */
  private final MacLocator fabric = migration -> {
    long moves = world.switchovers.stream().filter(s -> s.endsWith("garp")).count();
    return moves == 0 ? new Outcome.Observed(new Observation.MacLocated(A, SOURCE_VTEP, 0, false))
        : new Outcome.Observed(new Observation.MacLocated(B, TARGET_VTEP, moves, false));
  };
  private final StepRunner runner = new StepRunner(world.steps,
      new MigrationNetworks(Map.of("migration", Scenario.NETWORK)), fabric);
  private final MigrationRequest request = new MigrationRequest(Scenario.ID, "default", "vm-1", A, B, "default",
      "migration", Duration.ZERO);

  @Test
  void migratesVm1AndLeavesNoMigrationObjectBehind() {
    MigrationSaga end = run(SagaPolicy.defaults(), 500, null);

    assertEquals(new SagaState.Succeeded(""), end.state());
    assertEquals(0, end.baselineSequence());
    assertEquals(List.of("default/vm-1 pe-kind-a->pe-kind-b garp"), world.switchovers);
    assertEquals("Always", Fields.string(world.get(B, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"), "spec",
        "runStrategy"));
    assertTrue(noMigrationObjects(A) && noMigrationObjects(B), () -> world.labelled(A) + " " + world.labelled(B));
  }

  @Test
  void syncThatNeverHappensIsCompensatedAndTheSourceKeepsRunning() {
    world.kubevirt.failures().syncNeverHappens = true;
    MigrationSaga end = run(SagaPolicy.defaults().withStepDeadline(Step.MIGRATING, Duration.ofMinutes(1)), 500,
        null);

    SagaState.Failed failed = assertInstanceOf(SagaState.Failed.class, end.state());
    assertTrue(failed.reason().startsWith("migrating passed its deadline"), failed.reason());
    assertEquals(new TreeSet<>(), world.labelled(A));
    assertEquals(new TreeSet<>(), world.labelled(B));
    assertEquals("Running", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"));
    assertEquals(List.of(), world.switchovers);
    // Its MAC still behind the source VTEP: route-service would answer cluster A at the sequence of the baseline.
    assertEquals(new Outcome.Observed(new Observation.MacLocated(A, SOURCE_VTEP, end.baselineSequence(), false)),
        fabric.locate(Scenario.MIGRATION));
  }

  @Test
  void lostSourceLauncherFailsWithTheReasonAndNothingIsRestarted() {
    world.kubevirt.failures().sourceLauncherLost = true;
    MigrationSaga end = run(SagaPolicy.defaults(), 500, null);

    SagaState.Failed failed = assertInstanceOf(SagaState.Failed.class, end.state());
    assertTrue(failed.reason().contains("source launcher lost"), failed.reason());
    assertEquals(new TreeSet<>(), world.labelled(B));
    assertEquals(null, world.get(B, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"));
  }

  @Test
  void noGratuitousArpCompletesWithAWarning() {
    world.kubevirt.failures().noGratuitousArp = true;
    MigrationSaga end = run(SagaPolicy.defaults(), 500, null);

    SagaState.Succeeded succeeded = assertInstanceOf(SagaState.Succeeded.class, end.state());
    assertTrue(succeeded.warning().contains("MAC not seen behind a VTEP of " + B), succeeded.warning());
    assertEquals(List.of("default/vm-1 pe-kind-a->pe-kind-b silent"), world.switchovers);
  }

  @Test
  void cancelDuringTheMigrationRemovesEverythingItCreated() {
    MigrationSaga end = run(SagaPolicy.defaults(), 500, Step.MIGRATING);

    assertEquals(new SagaState.Cancelled("cancelled: operator"), end.state());
    assertEquals(new TreeSet<>(), world.labelled(A));
    assertEquals(new TreeSet<>(), world.labelled(B));
    assertEquals("Running", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"));
  }

  /** Runs the saga to its end; cancels once when it first waits in {@code cancelAt}. */
  private MigrationSaga run(SagaPolicy policy, int rounds, Step cancelAt) {
    Saga saga = new Saga(policy);
    Instant now = T0;
    MigrationSaga snapshot = MigrationSaga.absent(Scenario.ID);
    Deque<Command> due = new ArrayDeque<>();
    Decision decision = saga.decide(snapshot, new SagaInput.Start(request, "", now));
    for (int round = 0; round < rounds; round++) {
      snapshot = decision.snapshot();
      due.addAll(decision.commands());
      if (snapshot.state().isFinal()) {
        return snapshot;
      }
      if (cancelAt != null && snapshot.state() instanceof SagaState.Running r && r.attempt().step() == cancelAt) {
        cancelAt = null;
        decision = saga.decide(snapshot, new SagaInput.Cancel("operator", now));
        continue;
      }
      if (!due.isEmpty()) {
        Command command = due.poll();
        decision = saga.decide(snapshot, new SagaInput.StepResult(command.id(), runner.run(command), now));
        continue;
      }
      world.kubevirt.advance();
      now = now.plus(policy.retryBackoff());
      decision = saga.decide(snapshot, new SagaInput.Tick(now));
    }
    throw new AssertionError("no end after " + rounds + " rounds: " + snapshot.state());
  }

  private boolean noMigrationObjects(String cluster) {
    return world.labelled(cluster).stream().noneMatch(o -> o.startsWith("VirtualMachineInstanceMigration"));
  }
}
