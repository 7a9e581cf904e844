package io.openpe.migration.saga;

import static io.openpe.migration.saga.Step.DELETE_RECEIVER_VM;
import static io.openpe.migration.saga.Step.DELETE_SOURCE_MIGRATION;
import static io.openpe.migration.saga.Step.DELETE_TARGET_MIGRATION;
import static io.openpe.migration.saga.Step.ENSURE_NETWORK;
import static io.openpe.migration.saga.Step.FABRIC_BASELINE;
import static io.openpe.migration.saga.Step.FINALIZE;
import static io.openpe.migration.saga.Step.MIGRATING;
import static io.openpe.migration.saga.Step.PRE_CHECKS;
import static io.openpe.migration.saga.Step.RECEIVER_VM;
import static io.openpe.migration.saga.Step.REMOVE_NETWORK;
import static io.openpe.migration.saga.Step.SOURCE_MIGRATION;
import static io.openpe.migration.saga.Step.SYNC_ADDRESS;
import static io.openpe.migration.saga.Step.TARGET_MIGRATION;
import static io.openpe.migration.saga.Step.VERIFY_ROUTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.saga.Observation.MacLocated;
import io.openpe.migration.saga.Observation.Phases;
import io.openpe.migration.saga.Observation.Progress;
import io.openpe.migration.saga.SagaEvent.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaScenarioTest {
  private static final List<Step> COMPENSATE_ALL = List.of(DELETE_SOURCE_MIGRATION, DELETE_TARGET_MIGRATION,
      MIGRATING, DELETE_RECEIVER_VM, REMOVE_NETWORK);

  @Test
  void happyPathRunsEveryStepOnceInOrder() {
    SagaRun run = new SagaRun().runUpTo(FINALIZE);
    run.done();

    assertEquals(List.of(PRE_CHECKS, FABRIC_BASELINE, ENSURE_NETWORK, RECEIVER_VM, TARGET_MIGRATION, SYNC_ADDRESS,
        SOURCE_MIGRATION, MIGRATING, VERIFY_ROUTES, FINALIZE), run.commandSteps());
    assertEquals(new SagaState.Succeeded(""), run.snapshot.state());
    assertEquals("10.1.1.10:9185", run.snapshot.syncAddress());
    assertEquals(3, run.snapshot.baselineSequence());
    Command source = run.commands.get(6);
    assertEquals("m1:source-migration:1", source.id());
    assertEquals("10.1.1.10:9185", source.syncAddress());
    assertEquals(3, run.commands.get(8).baselineSequence());
    assertEquals(Kind.SUCCEEDED, run.events.getLast().kind());
    assertTrue(run.events.stream().anyMatch(e -> e.kind() == Kind.PIVOTED));
  }

  @Test
  void migratingKeepsLookingAndReportsProgressOnlyWhenItChanges() {
    SagaRun run = new SagaRun().runUpTo(MIGRATING);
    run.observe(new Phases(Progress.IN_PROGRESS, "target WaitingForSync"));
    assertEquals(List.of(), run.last.commands());
    run.tick(Duration.ofSeconds(2));
    assertEquals("m1:migrating:2", run.last.commands().getFirst().id());
    run.observe(new Phases(Progress.IN_PROGRESS, "target WaitingForSync"));
    run.tick(Duration.ofSeconds(2));
    run.observe(new Phases(Progress.IN_PROGRESS, "target Synchronizing"));

    assertEquals(List.of("target WaitingForSync", "target Synchronizing"), run.events.stream()
        .filter(e -> e.kind() == Kind.PROGRESS).map(SagaEvent::message).toList());
  }

  @Test
  void syncDeadlineCompensatesEverythingInReverseAndFails() {
    SagaPolicy policy = SagaPolicy.defaults().withStepDeadline(MIGRATING, Duration.ofMinutes(5));
    SagaRun run = new SagaRun(policy).runUpTo(MIGRATING);
    run.observe(new Phases(Progress.IN_PROGRESS, "target WaitingForSync"));
    run.tick(Duration.ofMinutes(5));

    // The deadline alone cancels nothing: one more look first.
    assertInstanceOf(SagaState.Running.class, run.snapshot.state());
    assertEquals(List.of(MIGRATING), run.last.commands().stream().map(Command::step).toList());
    run.observe(new Phases(Progress.IN_PROGRESS, "target WaitingForSync"));
    for (int i = 0; i < COMPENSATE_ALL.size(); i++) {
      assertEquals(COMPENSATE_ALL.get(i), run.step());
      run.observe(run.step() == MIGRATING ? new Phases(Progress.IN_PROGRESS, "both VMIMs gone")
          : new Observation.Done("deleted"));
    }

    SagaState.Failed failed = assertInstanceOf(SagaState.Failed.class, run.snapshot.state());
    assertTrue(failed.reason().startsWith("migrating passed its deadline"), failed.reason());
    assertTrue(failed.reason().contains("target WaitingForSync"), failed.reason());
    List<Step> sent = run.commandSteps();
    assertEquals(COMPENSATE_ALL, sent.subList(sent.size() - COMPENSATE_ALL.size(), sent.size()));
  }

  @Test
  void unreachableTargetPastTheDeadlineIsNotCancelledBlindly() {
    SagaPolicy policy = SagaPolicy.defaults().withStepDeadline(MIGRATING, Duration.ofMinutes(5));
    SagaRun run = new SagaRun(policy).runUpTo(MIGRATING);
    run.answer(new Outcome.Unreachable("cluster-b", "connection refused"));
    run.tick(Duration.ofMinutes(5));
    for (int i = 0; i < 20; i++) {
      run.answer(new Outcome.Unreachable("cluster-b", "connection refused"));
      run.tick(Duration.ofSeconds(2));
    }
    assertInstanceOf(SagaState.Running.class, run.snapshot.state());
    assertTrue(run.commandSteps().stream().allMatch(s -> s.compareTo(MIGRATING) <= 0));

    // Reconnected: the guest had moved meanwhile, so the saga goes forward.
    run.observe(new Phases(Progress.PIVOTED, "target VMI Running, migration completed"));
    assertInstanceOf(SagaState.Pivoted.class, run.snapshot.state());
  }

  @Test
  void sourceLauncherLostFailsWithTheReasonAndNeverRestartsTheVm() {
    SagaRun run = new SagaRun().runUpTo(MIGRATING);
    run.observe(new Phases(Progress.SOURCE_LOST, "virt-launcher pod of vm-1 on cluster-a is gone"));
    while (run.snapshot.state() instanceof SagaState.Compensating) {
      run.observe(run.step() == MIGRATING ? new Phases(Progress.SOURCE_LOST, "still lost")
          : new Observation.Done("deleted"));
    }

    SagaState.Failed failed = assertInstanceOf(SagaState.Failed.class, run.snapshot.state());
    assertTrue(failed.reason().contains("source launcher lost: virt-launcher pod of vm-1"), failed.reason());
    assertTrue(failed.reason().contains("not restarted"), failed.reason());
    List<Step> sent = run.commandSteps();
    assertEquals(COMPENSATE_ALL, sent.subList(sent.size() - COMPENSATE_ALL.size(), sent.size()));
  }

  @Test
  void postCheckWithoutGratuitousArpSucceedsWithAWarningAndNoRollback() {
    SagaRun run = new SagaRun().runUpTo(VERIFY_ROUTES);
    // No GARP: the fabric still has the MAC behind the source VTEP at the baseline sequence.
    for (int i = 0; i < 10; i++) {
      run.observe(new MacLocated("cluster-a", "100.65.0.1", 3, false));
      run.tick(Duration.ofSeconds(2));
    }
    run.tick(Duration.ofMinutes(2));
    assertEquals(FINALIZE, run.step());
    run.done();

    SagaState.Succeeded succeeded = assertInstanceOf(SagaState.Succeeded.class, run.snapshot.state());
    assertTrue(succeeded.warning().contains("MAC not seen behind a VTEP of cluster-b"), succeeded.warning());
    assertTrue(run.commandSteps().stream().noneMatch(s -> s.name().startsWith("DELETE") || s == REMOVE_NETWORK));
  }

  @Test
  void aDuplicateMacOnTheFabricSucceedsWithAWarningAndNoRollback() {
    SagaRun run = new SagaRun().runUpTo(VERIFY_ROUTES);
    // Behind the target with a higher sequence, but route-service saw two VTEPs claim it: a warning, not a move.
    run.observe(new MacLocated("cluster-b", "100.65.0.9", 4, true));
    assertEquals(FINALIZE, run.step());
    run.done();

    SagaState.Succeeded succeeded = assertInstanceOf(SagaState.Succeeded.class, run.snapshot.state());
    assertTrue(succeeded.warning().contains("duplicate MAC"), succeeded.warning());
    assertTrue(run.commandSteps().stream().noneMatch(s -> s.name().startsWith("DELETE") || s == REMOVE_NETWORK));
  }

  @Test
  void macBackOnTheTargetButNotAboveTheBaselineIsNotAMove() {
    SagaRun run = new SagaRun().runUpTo(VERIFY_ROUTES);
    run.observe(new MacLocated("cluster-b", "100.65.0.9", 3, false));
    assertEquals(VERIFY_ROUTES, run.step());
    run.tick(Duration.ofSeconds(2));
    run.observe(new MacLocated("cluster-b", "100.65.0.9", 4, false));
    assertEquals(FINALIZE, run.step());
  }

  @Test
  void duplicateStartCancelAndResultChangeNothing() {
    SagaRun run = new SagaRun();
    run.start();
    MigrationSaga afterStart = run.snapshot;
    assertTrue(run.start().isUnchanged(afterStart));

    run.runUpTo(RECEIVER_VM);
    String receiver = run.waitingOn();
    run.done();
    MigrationSaga afterResult = run.snapshot;
    Decision again = run.apply(new SagaInput.StepResult(receiver, new Outcome.Observed(new Observation.Done("ok")),
        run.now));
    assertTrue(again.isUnchanged(afterResult));

    run.cancel("operator");
    MigrationSaga afterCancel = run.snapshot;
    assertTrue(run.cancel("operator").isUnchanged(afterCancel));
    assertTrue(run.cancel("someone else").isUnchanged(afterCancel));
  }

  @Test
  void aDuplicateWaitingResultIsAppliedOnce() {
    SagaRun run = new SagaRun().runUpTo(SYNC_ADDRESS);
    String id = run.waitingOn();
    run.answer(new Outcome.Waiting("no sync address yet"));
    MigrationSaga once = run.snapshot;
    Decision twice = run.apply(new SagaInput.StepResult(id, new Outcome.Waiting("no sync address yet"),
        run.now.plusSeconds(1)));
    assertTrue(twice.isUnchanged(once));
  }

  @Test
  void aLostCommandIsSentAgainAsANewAttemptAndTheLateResultOfTheOldOneIsIgnored() {
    SagaRun run = new SagaRun().runUpTo(RECEIVER_VM);
    String first = run.waitingOn();
    run.tick(Duration.ofSeconds(30));
    assertEquals("m1:receiver-vm:2", run.last.commands().getFirst().id());

    MigrationSaga before = run.snapshot;
    Decision late = run.apply(new SagaInput.StepResult(first, new Outcome.Observed(new Observation.Done("ok")),
        run.now));
    assertTrue(late.isUnchanged(before));
    run.done();
    assertEquals(TARGET_MIGRATION, run.step());
  }

  @Test
  void startForABusyVmIsRefusedWithTheHolder() {
    SagaRun run = new SagaRun();
    run.apply(new SagaInput.Start(SagaRun.REQUEST, "m0", run.now));
    SagaState.Refused refused = assertInstanceOf(SagaState.Refused.class, run.snapshot.state());
    assertEquals("VM vms/vm-1 on cluster-a is held by migration m0", refused.reason());
    assertEquals(List.of(), run.commands);
  }

  @Test
  void failedPreChecksRefuseWithEveryFailureAndTouchNothing() {
    SagaRun run = new SagaRun();
    run.start();
    run.observe(new Observation.PreChecked(List.of("api-server-reachable cluster-b: connection refused",
        "feature-gate cluster-b: skipped")));
    SagaState.Refused refused = assertInstanceOf(SagaState.Refused.class, run.snapshot.state());
    assertEquals("pre-checks failed: api-server-reachable cluster-b: connection refused; feature-gate cluster-b: "
        + "skipped", refused.reason());
    assertEquals(List.of(PRE_CHECKS), run.commandSteps());
  }

  @Test
  void cancelBeforeAnythingWasCreatedEndsAtOnce() {
    SagaRun run = new SagaRun();
    run.start();
    run.cancel("changed my mind");
    assertEquals(new SagaState.Cancelled("cancelled: changed my mind"), run.snapshot.state());
    assertEquals(List.of(PRE_CHECKS), run.commandSteps());
  }

  @Test
  void cancelDuringPreparationUndoesOnlyWhatWasReached() {
    SagaRun run = new SagaRun().runUpTo(TARGET_MIGRATION);
    run.cancel("operator");
    while (run.snapshot.state() instanceof SagaState.Compensating) {
      run.done();
    }
    List<Step> sent = run.commandSteps();
    assertEquals(List.of(DELETE_TARGET_MIGRATION, DELETE_RECEIVER_VM, REMOVE_NETWORK),
        sent.subList(sent.indexOf(TARGET_MIGRATION) + 1, sent.size()));
    assertEquals(new SagaState.Cancelled("cancelled: operator"), run.snapshot.state());
  }

  @Test
  void cancelDuringTheMigrationCompensatesAndEndsCancelled() {
    SagaRun run = new SagaRun().runUpTo(MIGRATING);
    run.observe(new Phases(Progress.IN_PROGRESS, "Synchronizing"));
    run.cancel("maintenance window over");
    while (run.snapshot.state() instanceof SagaState.Compensating) {
      run.observe(run.step() == MIGRATING ? new Phases(Progress.FAILED, "aborted") : new Observation.Done("gone"));
    }
    List<Step> sent = run.commandSteps();
    assertEquals(COMPENSATE_ALL, sent.subList(sent.size() - COMPENSATE_ALL.size(), sent.size()));
    assertEquals(new SagaState.Cancelled("cancelled: maintenance window over"), run.snapshot.state());
  }

  @Test
  void cancelRacingWithThePivotGoesForwardWhenTheGuestMoved() {
    SagaRun run = new SagaRun().runUpTo(MIGRATING);
    run.cancel("operator");
    run.done();
    run.done();
    assertEquals(MIGRATING, run.step());
    run.observe(new Phases(Progress.PIVOTED, "target VMI Running, migration completed"));

    SagaState.Pivoted pivoted = assertInstanceOf(SagaState.Pivoted.class, run.snapshot.state());
    assertEquals(VERIFY_ROUTES, pivoted.attempt().step());
    assertTrue(run.events.stream().anyMatch(e -> e.kind() == Kind.PIVOTED
        && e.message().startsWith("cancel lost the race with the pivot")));
    assertTrue(run.commandSteps().stream().noneMatch(s -> s == DELETE_RECEIVER_VM || s == REMOVE_NETWORK));
  }

  @Test
  void cancelAfterThePivotIsRefusedWithTheReason() {
    SagaRun run = new SagaRun().runUpTo(VERIFY_ROUTES);
    MigrationSaga pivoted = run.snapshot;
    Decision cancel = run.cancel("operator");

    assertEquals(pivoted, cancel.snapshot());
    assertEquals(List.of(), cancel.commands());
    SagaEvent refusal = cancel.events().getFirst();
    assertEquals(Kind.CANCEL_REFUSED, refusal.kind());
    assertTrue(refusal.message().contains("pivoted at " + run.now), refusal.message());
    assertTrue(refusal.message().contains("the guest runs on cluster-b"), refusal.message());
    assertEquals(refusal.message(), Saga.cancelRefusal(pivoted).orElseThrow());
  }

  @Test
  void targetUnreachableDuringPreparationIsCompensatedOnceItIsBack() {
    SagaRun run = new SagaRun().runUpTo(RECEIVER_VM);
    run.answer(new Outcome.Unreachable("cluster-b", "connection refused"));
    run.tick(Duration.ofMinutes(2));
    assertEquals(DELETE_RECEIVER_VM, run.step());
    for (int i = 0; i < 30; i++) {
      run.answer(new Outcome.Unreachable("cluster-b", "connection refused"));
      run.tick(Duration.ofSeconds(2));
      assertEquals(DELETE_RECEIVER_VM, run.step());
    }
    run.done();
    run.done();
    SagaState.Failed failed = assertInstanceOf(SagaState.Failed.class, run.snapshot.state());
    assertEquals("receiver-vm passed its deadline (last: cluster-b: connection refused)", failed.reason());
  }

  @Test
  void theMigrationDeadlineBoundsEveryStepBeforeThePivot() {
    MigrationRequest tight = new MigrationRequest("m1", "vms", "vm-1", "cluster-a", "cluster-b", "", "migration",
        Duration.ofSeconds(90));
    SagaRun run = new SagaRun();
    run.apply(new SagaInput.Start(tight, "", run.now));
    SagaState.Running running = assertInstanceOf(SagaState.Running.class, run.snapshot.state());
    assertEquals(SagaRun.T0.plusSeconds(90), running.deadline());
  }

  @Test
  void theSameInputsGiveTheSameDecisions() {
    SagaRun one = new SagaRun().runUpTo(FINALIZE);
    SagaRun two = new SagaRun().runUpTo(FINALIZE);
    assertEquals(one.commands, two.commands);
    assertEquals(one.events, two.events);
    assertEquals(one.snapshot, two.snapshot);
  }
}
