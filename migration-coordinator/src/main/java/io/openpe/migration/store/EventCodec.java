package io.openpe.migration.store;

import io.openpe.migration.saga.MigrationSaga;
import io.openpe.migration.saga.SagaEvent;
import io.openpe.migration.saga.SagaState;
import io.openpe.migration.v1.EventKind;
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
        .setKind(kind(event.kind()))
        .setMessage(event.message())
        .setAt(Timestamps.of(event.at()))
        .build();
  }

  /** One value per kind: a new SagaEvent.Kind does not compile until the contract has it too. */
  static EventKind kind(SagaEvent.Kind kind) {
    return switch (kind) {
      case STARTED -> EventKind.EVENT_KIND_STARTED;
      case REFUSED -> EventKind.EVENT_KIND_REFUSED;
      case STEP_STARTED -> EventKind.EVENT_KIND_STEP_STARTED;
      case STEP_DONE -> EventKind.EVENT_KIND_STEP_DONE;
      case STEP_WAITING -> EventKind.EVENT_KIND_STEP_WAITING;
      case STEP_UNREACHABLE -> EventKind.EVENT_KIND_STEP_UNREACHABLE;
      case PROGRESS -> EventKind.EVENT_KIND_PROGRESS;
      case DEADLINE_PASSED -> EventKind.EVENT_KIND_DEADLINE_PASSED;
      case COMPENSATING -> EventKind.EVENT_KIND_COMPENSATING;
      case PIVOTED -> EventKind.EVENT_KIND_PIVOTED;
      case WARNING -> EventKind.EVENT_KIND_WARNING;
      case CANCEL_REFUSED -> EventKind.EVENT_KIND_CANCEL_REFUSED;
      case SUCCEEDED -> EventKind.EVENT_KIND_SUCCEEDED;
      case FAILED -> EventKind.EVENT_KIND_FAILED;
      case CANCELLED -> EventKind.EVENT_KIND_CANCELLED;
    };
  }

  /** An event kind as the saga names it ("STEP_DONE"), for logs and the migrate command. */
  public static String name(EventKind kind) {
    return kind.name().substring("EVENT_KIND_".length());
  }

  /** Watch's first message: where the migration is now. */
  public static MigrationEvent current(MigrationSaga saga) {
    MigrationEvent.Builder out = MigrationEvent.newBuilder()
        .setMigrationId(saga.migrationId())
        .setRevision(saga.revision())
        .setPhase(SnapshotCodec.phase(saga.state()))
        .setKind(EventKind.EVENT_KIND_SNAPSHOT)
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
