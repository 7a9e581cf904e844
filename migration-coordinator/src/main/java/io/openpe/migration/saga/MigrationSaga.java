package io.openpe.migration.saga;

import java.time.Instant;
import java.util.List;

/**
 * The whole state of one migration: what is compacted on {@code openpe.migrations}, enough to resume after a crash.
 *
 * @param request null only while {@link SagaState.Absent}
 * @param revision incremented on every change; events carry the revision they produced
 * @param baselineSequence the MAC mobility sequence before the move, -1 when the MAC was not seen
 * @param warnings post-checks that failed after the pivot (no rollback)
 */
public record MigrationSaga(String migrationId, MigrationRequest request, SagaState state, long revision,
    Instant startedAt, Instant updatedAt, String syncAddress, long baselineSequence, String baselineCluster,
    List<String> warnings) {

  public MigrationSaga {
    warnings = List.copyOf(warnings);
  }

  public static MigrationSaga absent(String migrationId) {
    return new MigrationSaga(migrationId, null, new SagaState.Absent(), 0, null, null, "", -1, "", List.of());
  }

  MigrationSaga with(SagaState next) {
    return new MigrationSaga(migrationId, request, next, revision, startedAt, updatedAt, syncAddress,
        baselineSequence, baselineCluster, warnings);
  }

  MigrationSaga withSyncAddress(String address) {
    return new MigrationSaga(migrationId, request, state, revision, startedAt, updatedAt, address, baselineSequence,
        baselineCluster, warnings);
  }

  MigrationSaga withBaseline(long sequence, String cluster) {
    return new MigrationSaga(migrationId, request, state, revision, startedAt, updatedAt, syncAddress, sequence,
        cluster, warnings);
  }

  MigrationSaga withWarning(String warning) {
    List<String> more = new java.util.ArrayList<>(warnings);
    more.add(warning);
    return new MigrationSaga(migrationId, request, state, revision, startedAt, updatedAt, syncAddress,
        baselineSequence, baselineCluster, more);
  }

  MigrationSaga revised(Instant at) {
    return new MigrationSaga(migrationId, request, state, revision + 1, startedAt, at, syncAddress, baselineSequence,
        baselineCluster, warnings);
  }
}
