package io.openpe.migration.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.migration.saga.Decision;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.MigrationSaga;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.saga.Saga;
import io.openpe.migration.saga.SagaInput;
import io.openpe.migration.saga.SagaPolicy;
import io.openpe.migration.saga.SagaState;
import io.openpe.migration.v1.MigrationSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A restarted decider resumes from what it wrote: every snapshot a migration goes through survives the wire. */
class SnapshotCodecTest {
  private static final Instant T0 = Instant.parse("2026-12-02T12:00:00.123456789Z");

  @Test
  void everySnapshotOfEveryKindOfRunRoundTrips() throws Exception {
    List<MigrationSaga> seen = new ArrayList<>();
    seen.addAll(run(List.of(new Outcome.Observed(new Observation.PreChecked(List.of("feature-gate: off"))))));
    seen.addAll(run(happyWithWarning()));
    seen.addAll(cancelled());
    seen.add(refusedBusy());
    for (MigrationSaga saga : seen) {
      MigrationSnapshot wire = MigrationSnapshot.parseFrom(SnapshotCodec.toProto(saga).toByteArray());
      assertEquals(saga, SnapshotCodec.fromProto(wire), saga.state().toString());
    }
    assertEquals(java.util.Set.of("Refused", "Running", "Pivoted", "Succeeded", "Compensating", "Cancelled"),
        seen.stream().map(s -> s.state().getClass().getSimpleName()).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void requestsRoundTripWithTheirDeadline() {
    MigrationRequest request = new MigrationRequest("m9", "vms", "vm-9", "a", "b", "other", "migration",
        Duration.ofSeconds(600));
    assertEquals(request, SnapshotCodec.request(SnapshotCodec.request(request)));
  }

  private static List<Outcome> happyWithWarning() {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(new Outcome.Observed(new Observation.PreChecked(List.of())));
    outcomes.add(new Outcome.Observed(new Observation.MacLocated("a", "100.65.0.1", 2, false)));
    outcomes.add(new Outcome.Observed(new Observation.Done("network")));
    outcomes.add(new Outcome.Waiting("receiver VMI not WaitingForSync"));
    return outcomes;
  }

  private static List<MigrationSaga> run(List<Outcome> outcomes) {
    Saga saga = new Saga(SagaPolicy.defaults());
    List<MigrationSaga> seen = new ArrayList<>();
    MigrationSaga snapshot = saga.decide(MigrationSaga.absent("m1"), new SagaInput.Start(request(), "", T0))
        .snapshot();
    seen.add(snapshot);
    Instant at = T0;
    for (Outcome outcome : outcomes) {
      at = at.plusMillis(1500);
      snapshot = saga.decide(snapshot, new SagaInput.StepResult(waitingOn(snapshot), outcome, at)).snapshot();
      seen.add(snapshot);
    }
    if (outcomes.size() > 1) {
      // Through the rest of the happy path to the pivot, a verification that times out, and finalize.
      snapshot = saga.decide(snapshot, new SagaInput.Tick(at.plusSeconds(3))).snapshot();
      for (Outcome outcome : List.of(new Outcome.Observed(new Observation.Done("receiver")),
          new Outcome.Observed(new Observation.Done("target")),
          new Outcome.Observed(new Observation.SyncAddressRead("10.0.0.1:9185")),
          new Outcome.Observed(new Observation.Done("source")),
          new Outcome.Observed(new Observation.Phases(Observation.Progress.PIVOTED, "Succeeded")))) {
        snapshot = saga.decide(snapshot, new SagaInput.StepResult(waitingOn(snapshot), outcome, at)).snapshot();
        seen.add(snapshot);
      }
      snapshot = saga.decide(snapshot, new SagaInput.Tick(at.plus(Duration.ofMinutes(5)))).snapshot();
      seen.add(snapshot);
      snapshot = saga.decide(snapshot, new SagaInput.StepResult(waitingOn(snapshot),
          new Outcome.Observed(new Observation.Done("finalized")), at)).snapshot();
      seen.add(snapshot);
      assertEquals(SagaState.Succeeded.class, snapshot.state().getClass());
    }
    return seen;
  }

  private static List<MigrationSaga> cancelled() {
    Saga saga = new Saga(SagaPolicy.defaults());
    MigrationSaga snapshot = saga.decide(MigrationSaga.absent("m1"), new SagaInput.Start(request(), "", T0))
        .snapshot();
    snapshot = saga.decide(snapshot, new SagaInput.StepResult(waitingOn(snapshot),
        new Outcome.Observed(new Observation.PreChecked(List.of())), T0)).snapshot();
    snapshot = saga.decide(snapshot, new SagaInput.StepResult(waitingOn(snapshot),
        new Outcome.Observed(Observation.MacLocated.nowhere()), T0)).snapshot();
    Decision cancel = saga.decide(snapshot, new SagaInput.Cancel("operator", T0));
    MigrationSaga compensating = cancel.snapshot();
    MigrationSaga done = saga.decide(compensating, new SagaInput.StepResult(waitingOn(compensating),
        new Outcome.Observed(new Observation.Done("gone")), T0)).snapshot();
    return List.of(compensating, done);
  }

  private static MigrationSaga refusedBusy() {
    return new Saga(SagaPolicy.defaults()).decide(MigrationSaga.absent("m2"),
        new SagaInput.Start(new MigrationRequest("m2", "vms", "vm-1", "a", "b", "", "", Duration.ZERO), "m1", T0))
        .snapshot();
  }

  private static MigrationRequest request() {
    return new MigrationRequest("m1", "vms", "vm-1", "a", "b", "", "migration", Duration.ZERO);
  }

  private static String waitingOn(MigrationSaga snapshot) {
    return ((SagaState.Active) snapshot.state()).attempt().commandId(snapshot.migrationId());
  }
}
