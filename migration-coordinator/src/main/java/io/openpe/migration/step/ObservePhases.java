package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.ClusterUnreachable;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.ResourceKind;
import java.util.Optional;

/**
 * Reads both VMIMs and both VMIs. Read only. When the source API server does not answer but the target already shows
 * the pivot, the pivot is reported anyway (the target VMIM's success is the signal; the source side is finalized
 * later); otherwise an unreachable cluster is reported as such, never guessed at.
 */
public final class ObservePhases {
  private final Clusters clusters;

  public ObservePhases(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<Phases> run(Migration migration) {
    return StepOutcome.of(() -> {
      TargetSide target = TargetSide.read(clusters.get(migration.targetCluster()), migration);
      Cluster source = clusters.get(migration.sourceCluster());
      MigrationPhase sourcePhase;
      InstancePhase sourceVmiPhase;
      String sourceFailure;
      try {
        Optional<GenericKubernetesResource> vmim = source.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION,
            migration.vmNamespace(), MigrationNames.sourceMigration(migration.id()));
        Optional<GenericKubernetesResource> vmi =
            source.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE, migration.vmNamespace(), migration.vmName());
        sourcePhase = migrationPhase(vmim);
        sourceVmiPhase = instancePhase(vmi);
        sourceFailure = vmi.map(v -> Fields.string(v, "status", "migrationState", "failureReason")).orElse(null);
      } catch (ClusterUnreachable e) {
        if (!target.pivoted()) {
          throw e;
        }
        sourcePhase = MigrationPhase.UNKNOWN;
        sourceVmiPhase = InstancePhase.UNKNOWN;
        sourceFailure = null;
      }
      String failure = sourceFailure != null ? sourceFailure : target.failureReason();
      return new Phases(target.migration(), sourcePhase, target.instance(), sourceVmiPhase, target.completed(),
          failure == null ? "" : failure);
    });
  }

  static MigrationPhase migrationPhase(Optional<GenericKubernetesResource> vmim) {
    return vmim.map(v -> MigrationPhase.fromKubevirt(Fields.string(v, "status", "phase"))).orElse(MigrationPhase.ABSENT);
  }

  static InstancePhase instancePhase(Optional<GenericKubernetesResource> vmi) {
    return vmi.map(v -> InstancePhase.fromKubevirt(Fields.string(v, "status", "phase"))).orElse(InstancePhase.ABSENT);
  }

  /** The target cluster's half of a look: enough to decide whether the guest has moved. */
  record TargetSide(MigrationPhase migration, InstancePhase instance, boolean completed, String failureReason) {
    static TargetSide read(Cluster target, Migration m) {
      Optional<GenericKubernetesResource> vmim = target.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION,
          m.targetNamespace(), MigrationNames.targetMigration(m.id()));
      Optional<GenericKubernetesResource> vmi =
          target.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE, m.targetNamespace(), m.vmName());
      return new TargetSide(migrationPhase(vmim), instancePhase(vmi),
          vmi.map(v -> Fields.bool(v, "status", "migrationState", "completed")).orElse(false),
          vmi.map(v -> Fields.string(v, "status", "migrationState", "failureReason")).orElse(null));
    }

    /** Same rule as {@link Phases#pivoted()}. */
    boolean pivoted() {
      return new Phases(migration, MigrationPhase.UNKNOWN, instance, InstancePhase.UNKNOWN, completed, "").pivoted();
    }
  }
}
