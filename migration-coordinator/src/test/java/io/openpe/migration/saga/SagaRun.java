package io.openpe.migration.saga;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.openpe.migration.saga.Observation.MacLocated;
import io.openpe.migration.saga.Observation.Phases;
import io.openpe.migration.saga.Observation.Progress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drives one migration through {@link Saga#decide} on a test clock, keeping every command and event it produced. */
final class SagaRun {
  static final String ID = "m1";
  static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
  static final MigrationRequest REQUEST = new MigrationRequest(ID, "vms", "vm-1", "cluster-a", "cluster-b", "",
      "migration", Duration.ZERO);

  final Saga saga;
  MigrationSaga snapshot = MigrationSaga.absent(ID);
  Instant now = T0;
  Decision last;
  final List<Command> commands = new ArrayList<>();
  final List<SagaEvent> events = new ArrayList<>();

  SagaRun() {
    this(SagaPolicy.defaults());
  }

  SagaRun(SagaPolicy policy) {
    this.saga = new Saga(policy);
  }

  Decision apply(SagaInput input) {
    last = saga.decide(snapshot, input);
    snapshot = last.snapshot();
    commands.addAll(last.commands());
    events.addAll(last.events());
    return last;
  }

  Decision start() {
    return apply(new SagaInput.Start(REQUEST, "", now));
  }

  Decision cancel(String reason) {
    return apply(new SagaInput.Cancel(reason, now));
  }

  Decision tick(Duration after) {
    now = now.plus(after);
    return apply(new SagaInput.Tick(now));
  }

  /** The result of the command the saga waits on. */
  Decision answer(Outcome outcome) {
    return apply(new SagaInput.StepResult(waitingOn(), outcome, now));
  }

  Decision observe(Observation observation) {
    return answer(new Outcome.Observed(observation));
  }

  Decision done() {
    return observe(new Observation.Done("ok"));
  }

  String waitingOn() {
    if (!(snapshot.state() instanceof SagaState.Active active)) {
      throw new AssertionError("not waiting on a command: " + snapshot.state());
    }
    return active.attempt().commandId(ID);
  }

  Step step() {
    return ((SagaState.Active) snapshot.state()).attempt().step();
  }

  /** Start and run every step up to (not including) {@code step}; the MAC starts behind cluster-a at sequence 3. */
  SagaRun runUpTo(Step step) {
    start();
    while (step() != step) {
      switch (step()) {
        case PRE_CHECKS -> observe(new Observation.PreChecked(List.of()));
        case FABRIC_BASELINE -> observe(new MacLocated("cluster-a", "100.65.0.1", 3, false));
        case SYNC_ADDRESS -> observe(new Observation.SyncAddressRead("10.1.1.10:9185"));
        case MIGRATING -> observe(new Phases(Progress.PIVOTED, "target VMIM Succeeded"));
        case VERIFY_ROUTES -> observe(new MacLocated("cluster-b", "100.65.0.9", 4, false));
        default -> done();
      }
      assertFalse(snapshot.state().isFinal(), () -> "ended before " + step + ": " + snapshot.state());
    }
    return this;
  }

  List<Step> commandSteps() {
    return commands.stream().map(Command::step).toList();
  }

  /** A short, hand-checkable name of the state: {@code running ensure-network#1}, {@code failed}. */
  static String describe(SagaState state) {
    return switch (state) {
      case SagaState.Absent a -> "absent";
      case SagaState.Running r -> "running " + r.attempt().step().label() + "#" + r.attempt().number();
      case SagaState.Compensating c -> "compensating " + c.attempt().step().label() + "#" + c.attempt().number();
      case SagaState.Pivoted p -> "pivoted " + p.attempt().step().label() + "#" + p.attempt().number();
      case SagaState.Succeeded s -> s.warning().isEmpty() ? "succeeded" : "succeeded with warning";
      case SagaState.Failed f -> "failed";
      case SagaState.Cancelled c -> "cancelled";
      case SagaState.Refused r -> "refused";
    };
  }
}
