package io.openpe.migration.step;

import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;

/**
 * Compensation of {@link CreateReceiverVm}, only while the receiver has not pivoted: once the guest runs there,
 * deleting it would destroy the VM (recovery after the pivot only goes forward; undo is a reverse migration).
 */
public final class DeleteReceiverVm {
  private final Clusters clusters;

  public DeleteReceiverVm(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<Removal> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster target = clusters.get(migration.targetCluster());
      if (ObservePhases.TargetSide.read(target, migration).pivoted()) {
        throw new StepOutcome.Refused("receiver VM " + migration.targetNamespace() + "/" + migration.vmName() + " on "
            + target.name() + " runs the guest (migration " + migration.id() + " pivoted); it is not deleted");
      }
      return target.delete(ResourceKind.VIRTUAL_MACHINE, migration.targetNamespace(), migration.vmName(),
          migration.id());
    });
  }
}
