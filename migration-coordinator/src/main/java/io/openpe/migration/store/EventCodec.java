package io.openpe.migration.store;

import io.openpe.migration.saga.SagaEvent;
import io.openpe.migration.saga.SagaState;
import io.openpe.migration.v1.MigrationEvent;

/** History lines on {@code openpe.migration-events}, with the phase the migration is in after the event. */
public final class EventCodec {
  private EventCodec() {
  }

  public static MigrationEvent toProto(SagaEvent event, SagaState after) {
    return MigrationEvent.newBuilder()
        .setMigrationId(event.migrationId())
        .setRevision(event.revision())
        .setPhase(SnapshotCodec.phase(after))
        .setStep(event.step() == null ? "" : event.step().label())
        .setKind(event.kind().name())
        .setMessage(event.message())
        .setAt(Timestamps.of(event.at()))
        .build();
  }
}
