package io.openpe.migration.store;

import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.saga.SagaInput;
import io.openpe.migration.v1.CancelMigration;
import io.openpe.migration.v1.Conflict;
import io.openpe.migration.v1.MacSeen;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.migration.v1.MigrationInput;
import io.openpe.migration.v1.MigrationProgress;
import io.openpe.migration.v1.PhasesSeen;
import io.openpe.migration.v1.PreChecked;
import io.openpe.migration.v1.StepResult;
import io.openpe.migration.v1.Unreachable;
import java.time.Instant;

/** The decider's inputs and commands on the wire ({@code openpe.migration-inputs}, {@code openpe.migration-commands}). */
public final class InputCodec {
  private InputCodec() {
  }

  public static MigrationInput start(MigrationRequest request, Instant at) {
    return MigrationInput.newBuilder().setMigrationId(request.migrationId()).setAt(Timestamps.of(at))
        .setStart(SnapshotCodec.request(request)).build();
  }

  public static MigrationInput cancel(String migrationId, String reason, Instant at) {
    return MigrationInput.newBuilder().setMigrationId(migrationId).setAt(Timestamps.of(at))
        .setCancel(CancelMigration.newBuilder().setMigrationId(migrationId).setReason(reason)).build();
  }

  public static MigrationInput result(Command command, Outcome outcome, Instant at) {
    return MigrationInput.newBuilder().setMigrationId(command.migrationId()).setAt(Timestamps.of(at))
        .setResult(result(command.id(), outcome)).build();
  }

  /**
   * @param vmHolder the migration holding the VM, for a start
   * @throws IllegalArgumentException for an input without a kind or a start without its required fields
   */
  public static SagaInput toSaga(MigrationInput input, String vmHolder) {
    Instant at = Timestamps.instant(true, input.getAt());
    return switch (input.getInputCase()) {
      case START -> new SagaInput.Start(SnapshotCodec.request(input.getStart()), vmHolder, at);
      case CANCEL -> new SagaInput.Cancel(input.getCancel().getReason(), at);
      case RESULT -> new SagaInput.StepResult(input.getResult().getCommandId(), outcome(input.getResult()), at);
      case INPUT_NOT_SET -> throw new IllegalArgumentException("migration input without a kind");
    };
  }

  /** The key of {@code openpe.migration-inputs}: the VM, so one task decides every migration of one VM. */
  public static String key(MigrationRequest request) {
    return request.vmKey();
  }

  static StepResult result(String commandId, Outcome outcome) {
    StepResult.Builder out = StepResult.newBuilder().setCommandId(commandId);
    switch (outcome) {
      case Outcome.Observed o -> out.setObserved(observation(o.observation()));
      case Outcome.Waiting w -> out.setWaiting(w.reason());
      case Outcome.Unreachable u -> out.setUnreachable(Unreachable.newBuilder().setCluster(u.cluster())
          .setReason(u.reason()));
      case Outcome.Conflict c -> out.setConflict(Conflict.newBuilder().setObject(c.object()).setOwner(c.owner())
          .setReason(c.reason()));
      case Outcome.Rejected r -> out.setRejected(r.reason());
    }
    return out.build();
  }

  static Outcome outcome(StepResult in) {
    return switch (in.getOutcomeCase()) {
      case OBSERVED -> new Outcome.Observed(observation(in.getObserved()));
      case WAITING -> new Outcome.Waiting(in.getWaiting());
      case UNREACHABLE -> new Outcome.Unreachable(in.getUnreachable().getCluster(), in.getUnreachable().getReason());
      case CONFLICT -> new Outcome.Conflict(in.getConflict().getObject(), in.getConflict().getOwner(),
          in.getConflict().getReason());
      case REJECTED -> new Outcome.Rejected(in.getRejected());
      case OUTCOME_NOT_SET -> new Outcome.Rejected("step result without an outcome");
    };
  }

  static io.openpe.migration.v1.Observation observation(Observation observation) {
    io.openpe.migration.v1.Observation.Builder out = io.openpe.migration.v1.Observation.newBuilder();
    switch (observation) {
      case Observation.Done d -> out.setDone(d.detail());
      case Observation.PreChecked p -> out.setPreChecked(PreChecked.newBuilder().addAllFailures(p.failures()));
      case Observation.SyncAddressRead s -> out.setSyncAddress(s.connectUrl());
      case Observation.Phases p -> out.setPhases(PhasesSeen.newBuilder().setProgress(progress(p.progress()))
          .setDetail(p.detail()));
      case Observation.MacLocated m -> out.setMac(MacSeen.newBuilder().setCluster(m.cluster()).setVtep(m.vtep())
          .setMobilitySequence(m.mobilitySequence()).setDuplicate(m.duplicate()));
    }
    return out.build();
  }

  static Observation observation(io.openpe.migration.v1.Observation in) {
    return switch (in.getObservationCase()) {
      case DONE, OBSERVATION_NOT_SET -> new Observation.Done(in.getDone());
      case PRE_CHECKED -> new Observation.PreChecked(in.getPreChecked().getFailuresList());
      case SYNC_ADDRESS -> new Observation.SyncAddressRead(in.getSyncAddress());
      case PHASES -> new Observation.Phases(progress(in.getPhases().getProgress()),
          in.getPhases().getDetail());
      case MAC -> new Observation.MacLocated(in.getMac().getCluster(), in.getMac().getVtep(),
          in.getMac().getMobilitySequence(), in.getMac().getDuplicate());
    };
  }

  static MigrationProgress progress(Observation.Progress progress) {
    return switch (progress) {
      case IN_PROGRESS -> MigrationProgress.MIGRATION_PROGRESS_IN_PROGRESS;
      case PIVOTED -> MigrationProgress.MIGRATION_PROGRESS_PIVOTED;
      case FAILED -> MigrationProgress.MIGRATION_PROGRESS_FAILED;
      case SOURCE_LOST -> MigrationProgress.MIGRATION_PROGRESS_SOURCE_LOST;
    };
  }

  static Observation.Progress progress(MigrationProgress progress) {
    return switch (progress) {
      case MIGRATION_PROGRESS_IN_PROGRESS -> Observation.Progress.IN_PROGRESS;
      case MIGRATION_PROGRESS_PIVOTED -> Observation.Progress.PIVOTED;
      case MIGRATION_PROGRESS_FAILED -> Observation.Progress.FAILED;
      case MIGRATION_PROGRESS_SOURCE_LOST -> Observation.Progress.SOURCE_LOST;
      case MIGRATION_PROGRESS_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("phases observed without a progress: " + progress);
    };
  }

  public static MigrationCommand command(Command command) {
    return MigrationCommand.newBuilder().setId(command.id()).setStep(command.step().label())
        .setAttempt(command.attempt()).setRequest(SnapshotCodec.request(command.request()))
        .setSyncAddress(command.syncAddress()).setBaselineSequence(command.baselineSequence()).build();
  }

  public static Command command(MigrationCommand in) {
    return new Command(in.getId(), io.openpe.migration.saga.Step.fromLabel(in.getStep()), in.getAttempt(),
        SnapshotCodec.request(in.getRequest()), in.getSyncAddress(), in.getBaselineSequence());
  }
}
