package io.openpe.migration.step;

import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;

/** Compensation of {@link CreateSourceMigration}: the other half of a cancel. The source VM keeps running. */
public final class DeleteSourceMigration {
  private final Clusters clusters;

  public DeleteSourceMigration(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<Removal> run(Migration migration) {
    return StepOutcome.of(() -> clusters.get(migration.sourceCluster()).delete(
        ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.vmNamespace(),
        MigrationNames.sourceMigration(migration.id()), migration.id()));
  }
}
