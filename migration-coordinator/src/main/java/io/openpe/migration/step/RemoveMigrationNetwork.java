package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.Ownership;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compensation of {@link EnsureMigrationNetwork}: deletes the migration L2VNI and NetworkAttachmentDefinition this
 * migration created, on both clusters; provisioned ones stay. While another migration's VMIM exists on a cluster,
 * it waits, on both clusters: that migration runs over the same network even though it did not create it.
 */
public final class RemoveMigrationNetwork {
  private final Clusters clusters;

  public RemoveMigrationNetwork(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<Removed> run(Migration migration) {
    return StepOutcome.of(() -> {
      List<Cluster> both = List.of(clusters.get(migration.sourceCluster()), clusters.get(migration.targetCluster()));
      // Both clusters first: the other migration uses the network on both ends, wherever its VMIMs are.
      both.forEach(cluster -> requireNoOtherMigration(cluster, migration));
      List<Removal> removals = new ArrayList<>();
      for (Cluster cluster : both) {
        removals.add(cluster.delete(ResourceKind.NETWORK_ATTACHMENT_DEFINITION,
            migration.network().attachmentNamespace(), migration.network().attachmentName(), migration.id()));
        Optional<GenericKubernetesResource> l2vni = l2vniOfVni(cluster, migration);
        removals.add(cluster.delete(ResourceKind.L2VNI,
            l2vni.map(o -> o.getMetadata().getNamespace()).orElse(migration.network().l2vni().namespace()),
            l2vni.map(o -> o.getMetadata().getName()).orElse(migration.network().l2vni().name()), migration.id()));
      }
      return new Removed(removals);
    });
  }

  /** The L2VNI of the migration VNI, wherever it is (else it is looked for where ensure would create it). */
  private static Optional<GenericKubernetesResource> l2vniOfVni(Cluster cluster, Migration migration) {
    return cluster.list(ResourceKind.L2VNI, null).stream()
        .filter(l2vni -> Long.valueOf(migration.network().l2vni().vni()).equals(Fields.number(l2vni, "spec", "vni")))
        .findFirst();
  }

  private static void requireNoOtherMigration(Cluster cluster, Migration migration) {
    for (GenericKubernetesResource vmim :
        cluster.list(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, null, Ownership.anyMigration())) {
      Optional<String> owner = Ownership.ownerOf(vmim);
      if (owner.isPresent() && !owner.get().equals(migration.id())) {
        throw new StepOutcome.NotYet("migration " + owner.get() + " still has " + vmim.getMetadata().getNamespace()
            + "/" + vmim.getMetadata().getName() + " on " + cluster.name() + " and uses the migration network");
      }
    }
  }
}
