package io.openpe.migration.step;

import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;

/**
 * Compensation of {@link CreateTargetMigration}, and half of a cancel: KubeVirt cancels a decentralized migration
 * when its VMIMs are deleted on both clusters (user guide), and the receiver VMI goes back to {@code WaitingForSync}.
 */
public final class DeleteTargetMigration {
  private final Clusters clusters;

  public DeleteTargetMigration(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<Removal> run(Migration migration) {
    return StepOutcome.of(() -> clusters.get(migration.targetCluster()).delete(
        ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.targetNamespace(),
        MigrationNames.targetMigration(migration.id()), migration.id()));
  }
}
