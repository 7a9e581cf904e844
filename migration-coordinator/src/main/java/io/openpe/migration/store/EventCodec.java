package io.openpe.migration.store;

import io.openpe.migration.saga.MigrationSaga;
import io.openpe.migration.saga.SagaEvent;
import io.openpe.migration.saga.SagaState;
import io.openpe.migration.v1.MigrationEvent;

/** History lines on {@code openpe.migration-events}, with the phase the migration is in after the event. */
public final class EventCodec {
  private EventCodec() {
  }

  public static MigrationEvent toProto(SagaEvent event, SagaState after) {
    MigrationEvent.Builder out = MigrationEvent.newBuilder();
    deadlineAndProgress(after, out);
    return out
        .setMigrationId(event.migrationId())
        .setRevision(event.revision())
        .setPhase(SnapshotCodec.phase(after))
        .setStep(event.step() == null ? "" : event.step().label())
        .setKind(event.kind().name())
        .setMessage(event.message())
        .setAt(Timestamps.of(event.at()))
        .build();
  }

  /** Watch's first message: where the migration is now. */
  public static MigrationEvent current(MigrationSaga saga) {
    MigrationEvent.Builder out = MigrationEvent.newBuilder()
        .setMigrationId(saga.migrationId())
        .setRevision(saga.revision())
        .setPhase(SnapshotCodec.phase(saga.state()))
        .setKind("SNAPSHOT")
        .setMessage(describe(saga.state()));
    if (saga.state() instanceof SagaState.Active active) {
      out.setStep(active.attempt().step().label());
    }
    if (saga.updatedAt() != null) {
      out.setAt(Timestamps.of(saga.updatedAt()));
    }
    deadlineAndProgress(saga.state(), out);
    return out.build();
  }

  private static void deadlineAndProgress(SagaState state, MigrationEvent.Builder out) {
    switch (state) {
      case SagaState.Running r -> {
        out.setPhaseDeadline(Timestamps.of(r.deadline()));
        out.setProgress(r.progress());
      }
      case SagaState.Pivoted p -> p.deadline().ifPresent(d -> out.setPhaseDeadline(Timestamps.of(d)));
      default -> {
      }
    }
  }

  private static String describe(SagaState state) {
    return switch (state) {
      case SagaState.Running r -> "running " + r.attempt().step().label() + ", attempt " + r.attempt().number();
      case SagaState.Compensating c -> "compensating (" + c.reason() + "): " + c.attempt().step().label();
      case SagaState.Pivoted p -> "pivoted at " + p.pivotedAt() + ": " + p.attempt().step().label();
      case SagaState.Succeeded s -> s.warning().isEmpty() ? "succeeded" : "succeeded with a warning: " + s.warning();
      case SagaState.Failed f -> "failed: " + f.reason();
      case SagaState.Cancelled c -> "cancelled: " + c.reason();
      case SagaState.Refused r -> "refused: " + r.reason();
      case SagaState.Absent a -> "unknown";
    };
  }
}
