package io.openpe.migration.saga;

import io.openpe.migration.saga.Observation.MacLocated;
import io.openpe.migration.saga.Observation.Phases;
import io.openpe.migration.saga.SagaEvent.Kind;
import io.openpe.migration.saga.SagaState.Active;
import io.openpe.migration.saga.SagaState.Compensating;
import io.openpe.migration.saga.SagaState.Pivoted;
import io.openpe.migration.saga.SagaState.Running;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migration saga: {@code (snapshot, input) -> (snapshot', commands, events)}. Pure: the same snapshot and input
 * always give the same decision, so a decider that crashed after deciding and decides again produces the same
 * commands with the same ids.
 *
 * <p>Rules: a result counts only for the command the snapshot waits on (a duplicate or stale result changes nothing);
 * a start for an id already seen is a no-op; before the pivot, a failure, a passed deadline or a cancel compensates
 * what the reached steps may have created, in reverse order; after the pivot, only verification and finalization
 * run, a cancel is refused and a failed post-check is a warning, not a rollback.
 */
public final class Saga {
  private static final List<Step> FORWARD = List.of(Step.PRE_CHECKS, Step.FABRIC_BASELINE, Step.ENSURE_NETWORK,
      Step.RECEIVER_VM, Step.TARGET_MIGRATION, Step.SYNC_ADDRESS, Step.SOURCE_MIGRATION, Step.MIGRATING);

  private final SagaPolicy policy;

  public Saga(SagaPolicy policy) {
    this.policy = policy;
  }

  public Decision decide(MigrationSaga snapshot, SagaInput input) {
    Change change = new Change(snapshot, input.at());
    switch (input) {
      case SagaInput.Start start -> start(change, start);
      case SagaInput.Cancel cancel -> cancel(change, cancel);
      case SagaInput.StepResult result -> result(change, result);
      case SagaInput.Tick tick -> tick(change);
    }
    return change.decision();
  }

  /** Why a cancel of this migration is refused, empty when it would be accepted. */
  public static Optional<String> cancelRefusal(MigrationSaga snapshot) {
    return switch (snapshot.state()) {
      case Pivoted p -> Optional.of("migration " + snapshot.migrationId() + " pivoted at " + p.pivotedAt()
          + ": the guest runs on " + snapshot.request().targetCluster()
          + "; recovery only goes forward (undoing it is a migration back)");
      case SagaState.Absent a -> Optional.of("migration " + snapshot.migrationId() + " is not known");
      case SagaState.Succeeded s -> Optional.of("migration " + snapshot.migrationId() + " already succeeded");
      case SagaState.Failed f -> Optional.of("migration " + snapshot.migrationId() + " already failed");
      case SagaState.Cancelled c -> Optional.of("migration " + snapshot.migrationId() + " is already cancelled");
      case SagaState.Refused r -> Optional.of("migration " + snapshot.migrationId() + " was refused");
      case Compensating c -> c.cancelled() ? Optional.empty()
          : Optional.of("migration " + snapshot.migrationId() + " is already being compensated: " + c.reason());
      case Running r -> Optional.empty();
    };
  }

  /** The compensations of the steps up to {@code reached}, in the order they run. */
  static List<Step> compensations(Step reached) {
    boolean mayHavePivoted = FORWARD.indexOf(reached) >= FORWARD.indexOf(Step.SOURCE_MIGRATION);
    List<Step> order = new ArrayList<>();
    for (int i = FORWARD.indexOf(reached); i >= 0; i--) {
      Step step = FORWARD.get(i);
      step.compensation().ifPresent(order::add);
      // Once both VMIMs are gone the migration can no longer pivot; one look then settles whether it did just before.
      if (step == Step.TARGET_MIGRATION && mayHavePivoted) {
        order.add(Step.MIGRATING);
      }
    }
    return List.copyOf(order);
  }

  private void start(Change change, SagaInput.Start start) {
    MigrationSaga saga = change.saga;
    if (!(saga.state() instanceof SagaState.Absent)) {
      return;
    }
    MigrationRequest request = start.request();
    change.saga = new MigrationSaga(saga.migrationId(), request, saga.state(), saga.revision(), change.at, change.at,
        "", -1, "", List.of());
    if (!start.vmHolder().isEmpty() && !start.vmHolder().equals(saga.migrationId())) {
      change.refuse(null, "VM " + request.vmNamespace() + "/" + request.vmName() + " on " + request.sourceCluster()
          + " is held by migration " + start.vmHolder());
      return;
    }
    String invalid = request.invalidReason();
    if (!invalid.isEmpty()) {
      change.refuse(null, invalid);
      return;
    }
    change.event(Kind.STARTED, null, "migrating VM " + request.vmNamespace() + "/" + request.vmName() + " from "
        + request.sourceCluster() + " to " + request.targetCluster() + "/" + request.targetNamespace());
    begin(change, Step.PRE_CHECKS, "");
  }

  private void cancel(Change change, SagaInput.Cancel cancel) {
    MigrationSaga saga = change.saga;
    switch (saga.state()) {
      case Running r -> compensate(change, r.attempt().step(), "cancelled: " + cancel.reason(), true);
      case Pivoted p -> change.event(Kind.CANCEL_REFUSED, p.attempt().step(), cancelRefusal(saga).orElseThrow());
      default -> {
        // Absent, already compensating or final: nothing to undo; a duplicate cancel is a no-op.
      }
    }
  }

  private void result(Change change, SagaInput.StepResult result) {
    if (!(change.saga.state() instanceof Active active) || !active.attempt().awaiting()
        || !active.attempt().commandId(change.saga.migrationId()).equals(result.commandId())) {
      return;
    }
    switch (active) {
      case Running r -> forward(change, r, result.outcome());
      case Compensating c -> compensating(change, c, result.outcome());
      case Pivoted p -> afterPivot(change, p, result.outcome());
    }
  }

  private void forward(Change change, Running running, Outcome outcome) {
    Step step = running.attempt().step();
    switch (outcome) {
      case Outcome.Observed observed -> observed(change, running, observed.observation());
      case Outcome.Waiting waiting -> retryLater(change, Kind.STEP_WAITING, waiting.reason(), policy.retryBackoff());
      case Outcome.Unreachable u -> retryLater(change, Kind.STEP_UNREACHABLE, u.cluster() + ": " + u.reason(),
          policy.retryBackoff());
      case Outcome.Conflict c -> refuseOrCompensate(change, step, step.label() + ": " + c.reason());
      case Outcome.Rejected r -> refuseOrCompensate(change, step, step.label() + ": " + r.reason());
    }
  }

  private void refuseOrCompensate(Change change, Step step, String reason) {
    if (step == Step.PRE_CHECKS) {
      change.refuse(step, reason);
    } else {
      compensate(change, step, reason, false);
    }
  }

  private void observed(Change change, Running running, Observation observation) {
    Step step = running.attempt().step();
    switch (step) {
      case PRE_CHECKS -> {
        if (!(observation instanceof Observation.PreChecked checked)) {
          change.refuse(step, unexpected(step, observation));
        } else if (!checked.failures().isEmpty()) {
          change.refuse(step, "pre-checks failed: " + String.join("; ", checked.failures()));
        } else {
          done(change, step, "every pre-check passed", Step.FABRIC_BASELINE);
        }
      }
      case FABRIC_BASELINE -> {
        if (!(observation instanceof MacLocated mac)) {
          compensate(change, step, unexpected(step, observation), false);
          return;
        }
        change.saga = change.saga.withBaseline(mac.mobilitySequence(), mac.cluster());
        done(change, step, mac.cluster().isEmpty() ? "MAC not on the fabric yet (baseline -1)"
            : "MAC behind " + mac.vtep() + " in " + mac.cluster() + ", sequence " + mac.mobilitySequence(),
            Step.ENSURE_NETWORK);
      }
      case SYNC_ADDRESS -> {
        if (!(observation instanceof Observation.SyncAddressRead sync)) {
          compensate(change, step, unexpected(step, observation), false);
          return;
        }
        change.saga = change.saga.withSyncAddress(sync.connectUrl());
        done(change, step, "sync address " + sync.connectUrl(), Step.SOURCE_MIGRATION);
      }
      case ENSURE_NETWORK, RECEIVER_VM, TARGET_MIGRATION, SOURCE_MIGRATION ->
          done(change, step, detail(observation), FORWARD.get(FORWARD.indexOf(step) + 1));
      case MIGRATING -> {
        if (!(observation instanceof Phases phases)) {
          compensate(change, step, unexpected(step, observation), false);
          return;
        }
        migrating(change, running, phases);
      }
      default -> compensate(change, step, unexpected(step, observation), false);
    }
  }

  private void migrating(Change change, Running running, Phases phases) {
    switch (phases.progress()) {
      case PIVOTED -> pivot(change, "the guest runs on " + change.saga.request().targetCluster() + ": "
          + phases.detail());
      case FAILED -> compensate(change, Step.MIGRATING, "migration failed: " + phases.detail(), false);
      case SOURCE_LOST -> compensate(change, Step.MIGRATING, "source launcher lost: " + phases.detail()
          + "; the VM is not restarted automatically", false);
      case IN_PROGRESS -> {
        if (running.overdue()) {
          compensate(change, Step.MIGRATING, "migrating passed its deadline at " + running.deadline() + ": "
              + phases.detail(), false);
          return;
        }
        if (!phases.detail().equals(running.progress())) {
          change.event(Kind.PROGRESS, Step.MIGRATING, phases.detail());
        }
        change.saga = change.saga.with(new Running(running.attempt().answered(change.at.plus(policy.pollInterval())),
            running.deadline(), false, phases.detail()));
      }
    }
  }

  private void pivot(Change change, String message) {
    change.event(Kind.PIVOTED, Step.MIGRATING, message);
    change.saga = change.saga.with(new Pivoted(new Attempt(Step.VERIFY_ROUTES, 1, true,
        change.at.plus(policy.resultTimeout())), change.at, Optional.of(change.at.plus(
            policy.deadline(Step.VERIFY_ROUTES)))));
    change.event(Kind.STEP_STARTED, Step.VERIFY_ROUTES, "attempt 1");
    change.command(Step.VERIFY_ROUTES, 1);
  }

  private void afterPivot(Change change, Pivoted pivoted, Outcome outcome) {
    Step step = pivoted.attempt().step();
    switch (outcome) {
      case Outcome.Observed observed when step == Step.VERIFY_ROUTES -> verified(change, observed.observation());
      case Outcome.Observed observed -> {
        change.event(Kind.STEP_DONE, step, detail(observed.observation()));
        String warning = String.join("; ", change.saga.warnings());
        change.saga = change.saga.with(new SagaState.Succeeded(warning));
        change.event(Kind.SUCCEEDED, null, warning.isEmpty() ? "migrated" : "migrated with a warning: " + warning);
      }
      case Outcome.Waiting w -> retryLater(change, Kind.STEP_WAITING, w.reason(), policy.retryBackoff());
      case Outcome.Unreachable u -> retryLater(change, Kind.STEP_UNREACHABLE, u.cluster() + ": " + u.reason(),
          policy.retryBackoff());
      case Outcome.Conflict c -> afterPivotRefused(change, step, c.reason());
      case Outcome.Rejected r -> afterPivotRefused(change, step, r.reason());
    }
  }

  private void afterPivotRefused(Change change, Step step, String reason) {
    if (step == Step.VERIFY_ROUTES) {
      warnAndFinalize(change, "verification refused: " + reason);
      return;
    }
    String failure = step.label() + " after the pivot: " + reason + "; the guest runs on "
        + change.saga.request().targetCluster() + ", an operator must finish";
    change.saga = change.saga.with(new SagaState.Failed(failure));
    change.event(Kind.FAILED, step, failure);
  }

  private void verified(Change change, Observation observation) {
    if (!(observation instanceof MacLocated mac)) {
      warnAndFinalize(change, unexpected(Step.VERIFY_ROUTES, observation));
      return;
    }
    MigrationSaga saga = change.saga;
    if (mac.duplicate()) {
      warnAndFinalize(change, "duplicate MAC reported for the VM's MAC (behind " + mac.vtep() + ")");
    } else if (mac.cluster().equals(saga.request().targetCluster()) && mac.mobilitySequence() > saga.baselineSequence()) {
      change.event(Kind.STEP_DONE, Step.VERIFY_ROUTES, "MAC behind " + mac.vtep() + " in " + mac.cluster()
          + ", sequence " + mac.mobilitySequence() + " > baseline " + saga.baselineSequence());
      beginAfterPivot(change, Step.FINALIZE, Optional.empty());
    } else {
      retryLater(change, Kind.STEP_WAITING, mac.cluster().isEmpty() ? "MAC not on the fabric"
          : "MAC behind " + mac.vtep() + " in " + mac.cluster() + ", sequence " + mac.mobilitySequence()
              + " (baseline " + saga.baselineSequence() + ")", policy.pollInterval());
    }
  }

  private void warnAndFinalize(Change change, String warning) {
    change.saga = change.saga.withWarning(warning);
    change.event(Kind.WARNING, Step.VERIFY_ROUTES, warning + " (no rollback: the guest runs on the target)");
    beginAfterPivot(change, Step.FINALIZE, Optional.empty());
  }

  private void compensating(Change change, Compensating compensating, Outcome outcome) {
    Step step = compensating.attempt().step();
    switch (outcome) {
      case Outcome.Observed observed when step == Step.MIGRATING
          && observed.observation() instanceof Phases phases && phases.progress() == Observation.Progress.PIVOTED ->
          pivot(change, (compensating.cancelled() ? "cancel" : "compensation") + " lost the race with the pivot ("
              + compensating.reason() + "): the guest runs on " + change.saga.request().targetCluster());
      case Outcome.Observed observed -> {
        change.event(Kind.STEP_DONE, step, detail(observed.observation()));
        nextCompensation(change, compensating);
      }
      case Outcome.Waiting w -> retryLater(change, Kind.STEP_WAITING, w.reason(), policy.retryBackoff());
      case Outcome.Unreachable u -> retryLater(change, Kind.STEP_UNREACHABLE, u.cluster() + ": " + u.reason(),
          policy.retryBackoff());
      case Outcome.Conflict c -> compensationRefused(change, compensating, c.reason());
      case Outcome.Rejected r -> compensationRefused(change, compensating, r.reason());
    }
  }

  private void compensationRefused(Change change, Compensating compensating, String reason) {
    String failure = compensating.reason() + "; compensation " + compensating.attempt().step().label()
        + " refused: " + reason + " (left for an operator)";
    change.saga = change.saga.with(new SagaState.Failed(failure));
    change.event(Kind.FAILED, compensating.attempt().step(), failure);
  }

  private void nextCompensation(Change change, Compensating compensating) {
    List<Step> order = compensations(compensating.reached());
    int next = order.indexOf(compensating.attempt().step()) + 1;
    if (next < order.size()) {
      beginCompensation(change, order.get(next), compensating.reached(), compensating.reason(),
          compensating.cancelled());
    } else {
      end(change, compensating.reason(), compensating.cancelled());
    }
  }

  private void compensate(Change change, Step reached, String reason, boolean cancelled) {
    List<Step> order = compensations(reached);
    change.event(Kind.COMPENSATING, reached, reason);
    if (order.isEmpty()) {
      end(change, reason, cancelled);
    } else {
      beginCompensation(change, order.getFirst(), reached, reason, cancelled);
    }
  }

  private void beginCompensation(Change change, Step step, Step reached, String reason, boolean cancelled) {
    change.saga = change.saga.with(new Compensating(new Attempt(step, 1, true, change.at.plus(policy.resultTimeout())),
        reached, reason, cancelled));
    change.event(Kind.STEP_STARTED, step, "attempt 1");
    change.command(step, 1);
  }

  private static void end(Change change, String reason, boolean cancelled) {
    if (cancelled) {
      change.saga = change.saga.with(new SagaState.Cancelled(reason));
      change.event(Kind.CANCELLED, null, reason);
    } else {
      change.saga = change.saga.with(new SagaState.Failed(reason));
      change.event(Kind.FAILED, null, reason);
    }
  }

  private void tick(Change change) {
    if (!(change.saga.state() instanceof Active active)) {
      return;
    }
    Instant at = change.at;
    switch (active) {
      case Running r when !r.overdue() && !at.isBefore(r.deadline()) -> {
        Step step = r.attempt().step();
        if (step == Step.MIGRATING) {
          change.event(Kind.DEADLINE_PASSED, step, "deadline " + r.deadline() + " passed ("
              + (r.progress().isEmpty() ? "no progress seen" : r.progress())
              + "); one more look before compensating, no blind cancel");
          Attempt next = r.attempt().next(at.plus(policy.resultTimeout()));
          change.saga = change.saga.with(new Running(next, r.deadline(), true, r.progress()));
          change.command(step, next.number());
        } else {
          change.event(Kind.DEADLINE_PASSED, step, "deadline " + r.deadline() + " passed");
          compensate(change, step, step.label() + " passed its deadline" + (r.progress().isEmpty() ? ""
              : " (last: " + r.progress() + ")"), false);
        }
      }
      case Pivoted p when p.deadline().isPresent() && !at.isBefore(p.deadline().get()) ->
          warnAndFinalize(change, "MAC not seen behind a VTEP of " + change.saga.request().targetCluster()
              + " with a sequence above " + change.saga.baselineSequence() + " by " + p.deadline().get());
      default -> {
        if (!at.isBefore(active.attempt().retryAt())) {
          retryNow(change, active);
        }
      }
    }
  }

  private void retryNow(Change change, Active active) {
    Attempt next = active.attempt().next(change.at.plus(policy.resultTimeout()));
    change.saga = change.saga.with(switch (active) {
      case Running r -> new Running(next, r.deadline(), r.overdue(), r.progress());
      case Compensating c -> new Compensating(next, c.reached(), c.reason(), c.cancelled());
      case Pivoted p -> new Pivoted(next, p.pivotedAt(), p.deadline());
    });
    change.command(next.step(), next.number());
  }

  private void retryLater(Change change, Kind kind, String reason, Duration after) {
    Active active = (Active) change.saga.state();
    Attempt answered = active.attempt().answered(change.at.plus(after));
    change.saga = change.saga.with(switch (active) {
      case Running r -> new Running(answered, r.deadline(), r.overdue(), reason);
      case Compensating c -> new Compensating(answered, c.reached(), c.reason(), c.cancelled());
      case Pivoted p -> new Pivoted(answered, p.pivotedAt(), p.deadline());
    });
    change.event(kind, answered.step(), reason);
  }

  private void done(Change change, Step step, String detail, Step next) {
    change.event(Kind.STEP_DONE, step, detail);
    begin(change, next, "");
  }

  private void begin(Change change, Step step, String progress) {
    MigrationSaga saga = change.saga;
    Duration whole = saga.request().deadline().isZero() ? policy.migrationDeadline() : saga.request().deadline();
    Instant overall = saga.startedAt().plus(whole);
    Instant own = change.at.plus(policy.deadline(step));
    change.saga = saga.with(new Running(new Attempt(step, 1, true, change.at.plus(policy.resultTimeout())),
        own.isBefore(overall) ? own : overall, false, progress));
    change.event(Kind.STEP_STARTED, step, "attempt 1");
    change.command(step, 1);
  }

  private void beginAfterPivot(Change change, Step step, Optional<Instant> deadline) {
    Pivoted pivoted = (Pivoted) change.saga.state();
    change.saga = change.saga.with(new Pivoted(new Attempt(step, 1, true, change.at.plus(policy.resultTimeout())),
        pivoted.pivotedAt(), deadline));
    change.event(Kind.STEP_STARTED, step, "attempt 1");
    change.command(step, 1);
  }

  private static String detail(Observation observation) {
    return observation instanceof Observation.Done done ? done.detail() : observation.toString();
  }

  private static String unexpected(Step step, Observation observation) {
    return step.label() + " reported " + observation.getClass().getSimpleName() + ", which it never should";
  }

  /** One decision being built: the snapshot so far, then commands and events stamped with the next revision. */
  private static final class Change {
    private final MigrationSaga before;
    private final Instant at;
    private MigrationSaga saga;
    private final List<Step> commandSteps = new ArrayList<>();
    private final List<Integer> commandAttempts = new ArrayList<>();
    private final List<Kind> kinds = new ArrayList<>();
    private final List<Step> eventSteps = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    Change(MigrationSaga before, Instant at) {
      this.before = before;
      this.saga = before;
      this.at = at;
    }

    void event(Kind kind, Step step, String message) {
      kinds.add(kind);
      eventSteps.add(step);
      messages.add(message);
    }

    void command(Step step, int attempt) {
      commandSteps.add(step);
      commandAttempts.add(attempt);
    }

    void refuse(Step step, String reason) {
      saga = saga.with(new SagaState.Refused(reason));
      event(Kind.REFUSED, step, reason);
    }

    Decision decision() {
      if (saga.equals(before)) {
        // Nothing changed (a refused cancel still reports why, at the current revision).
        return new Decision(before, List.of(), events(before.revision()));
      }
      MigrationSaga next = saga.revised(at);
      List<Command> commands = new ArrayList<>();
      for (int i = 0; i < commandSteps.size(); i++) {
        Step step = commandSteps.get(i);
        int attempt = commandAttempts.get(i);
        commands.add(new Command(Command.id(next.migrationId(), step, attempt), step, attempt, next.request(),
            next.syncAddress(), next.baselineSequence()));
      }
      return new Decision(next, commands, events(next.revision()));
    }

    private List<SagaEvent> events(long revision) {
      List<SagaEvent> events = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        events.add(new SagaEvent(saga.migrationId(), revision, kinds.get(i), eventSteps.get(i), messages.get(i), at));
      }
      return events;
    }
  }
}
