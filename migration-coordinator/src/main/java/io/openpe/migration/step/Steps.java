package io.openpe.migration.step;

import io.openpe.migration.kube.Clusters;

/**
 * Every step executor over one set of clusters, in saga order, compensations last. Each call reads, converges and
 * returns a {@link StepOutcome}; repeating a call that was {@link StepOutcome.Observed} observes the same value and
 * creates nothing, so the saga may deliver a command twice (after a crash) without harm.
 */
public record Steps(
    PreChecks preChecks,
    EnsureMigrationNetwork ensureMigrationNetwork,
    CreateReceiverVm createReceiverVm,
    CreateTargetMigration createTargetMigration,
    ReadSyncAddress readSyncAddress,
    CreateSourceMigration createSourceMigration,
    ObservePhases observePhases,
    Finalize finalizeMigration,
    DeleteTargetMigration deleteTargetMigration,
    DeleteSourceMigration deleteSourceMigration,
    DeleteReceiverVm deleteReceiverVm,
    RemoveMigrationNetwork removeMigrationNetwork) {

  public static Steps on(Clusters clusters) {
    return new Steps(new PreChecks(clusters), new EnsureMigrationNetwork(clusters), new CreateReceiverVm(clusters),
        new CreateTargetMigration(clusters), new ReadSyncAddress(clusters), new CreateSourceMigration(clusters),
        new ObservePhases(clusters), new Finalize(clusters), new DeleteTargetMigration(clusters),
        new DeleteSourceMigration(clusters), new DeleteReceiverVm(clusters), new RemoveMigrationNetwork(clusters));
  }
}
