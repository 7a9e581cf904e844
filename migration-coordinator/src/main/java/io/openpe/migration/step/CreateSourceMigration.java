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
 * The source VMIM ({@code spec.sendTo.{migrationID, connectURL}}, {@code spec.vmiName}) on the source cluster: the
 * call that starts the transfer. The source VMI must exist and not be final (KubeVirt's admission checks the same).
 */
public final class CreateSourceMigration {
  private final Clusters clusters;

  public CreateSourceMigration(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<SourceMigration> run(Migration migration, SyncAddress address) {
    return StepOutcome.of(() -> {
      Cluster source = clusters.get(migration.sourceCluster());
      String name = MigrationNames.sourceMigration(migration.id());
      Optional<GenericKubernetesResource> existing =
          source.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.vmNamespace(), name);
      if (existing.isEmpty()) {
        requireSourceRunning(source, migration);
      }
      GenericKubernetesResource desired = new GenericKubernetesResource();
      desired.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(migration.vmNamespace()).build());
      desired.setAdditionalProperty("spec", Map.of(
          "vmiName", migration.vmName(),
          "sendTo", Map.of("migrationID", migration.id(), "connectURL", address.connectUrl())));
      GenericKubernetesResource current =
          source.create(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, desired, migration.id()).current();
      // The observation is what the API server holds, so a repeat reports the address the first call used.
      String used = Fields.string(current, "spec", "sendTo", "connectURL");
      return new SourceMigration(source.ref(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.vmNamespace(),
          name), used == null ? address.connectUrl() : used);
    });
  }

  private static void requireSourceRunning(Cluster source, Migration migration) {
    InstancePhase phase = source.read(ResourceKind.VIRTUAL_MACHINE_INSTANCE, migration.vmNamespace(), migration.vmName())
        .map(v -> InstancePhase.fromKubevirt(Fields.string(v, "status", "phase"))).orElse(InstancePhase.ABSENT);
    if (phase != InstancePhase.RUNNING) {
      throw new StepOutcome.Refused("source VMI " + migration.vmNamespace() + "/" + migration.vmName() + " on "
          + source.name() + " is " + phase + ", not Running: nothing to migrate");
    }
  }
}
