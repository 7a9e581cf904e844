package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.ResourceKind;
import java.util.Map;
import java.util.Optional;

/**
 * The target VMIM ({@code spec.receive.migrationID}, {@code spec.vmiName}) on the target cluster. It waits for the
 * receiver VMI to sit in {@code WaitingForSync} first: KubeVirt's admission rejects a target VMIM before that
 * (Forklift PR #2200, "WaitForTargetVMI").
 */
public final class CreateTargetMigration {
  private final Clusters clusters;

  public CreateTargetMigration(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<TargetMigration> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster target = clusters.get(migration.targetCluster());
      String name = MigrationNames.targetMigration(migration.id());
      Optional<GenericKubernetesResource> existing =
          target.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.targetNamespace(), name);
      if (existing.isEmpty()) {
        requireReceiverWaiting(target, migration);
      }
      GenericKubernetesResource desired = new GenericKubernetesResource();
      desired.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(migration.targetNamespace()).build());
      desired.setAdditionalProperty("spec", Map.of(
          "vmiName", migration.vmName(),
          "receive", Map.of("migrationID", migration.id())));
      return new TargetMigration(
          target.create(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, desired, migration.id()).object());
    });
  }

  private static void requireReceiverWaiting(Cluster target, Migration migration) {
    Optional<GenericKubernetesResource> vmi =
        target.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE, migration.targetNamespace(), migration.vmName());
    InstancePhase phase = vmi.map(v -> InstancePhase.fromKubevirt(Fields.string(v, "status", "phase")))
        .orElse(InstancePhase.ABSENT);
    if (phase != InstancePhase.WAITING_FOR_SYNC) {
      throw new StepOutcome.NotYet("receiver VMI " + migration.targetNamespace() + "/" + migration.vmName() + " on "
          + target.name() + " is " + phase + ", not yet WaitingForSync");
    }
  }
}
