package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ForeignObject;
import io.openpe.migration.kube.Ownership;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.network.Cidr;
import io.openpe.migration.network.MigrationL2Vni;
import io.openpe.migration.network.NetworkAttachment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration L2VNI and its NetworkAttachmentDefinition on both clusters of the migration. What is already there and
 * matches (seed 003 provisions both by hand) is used and left alone; what is missing is created with our label; what
 * is there and differs (another VNI, another share of the range) is a conflict, never overwritten. The address split is
 * computed over every configured cluster, so a cluster's share does not depend on which pair migrates.
 */
public final class EnsureMigrationNetwork {
  private final Clusters clusters;

  public EnsureMigrationNetwork(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<NetworkEnsured> run(Migration migration) {
    return StepOutcome.of(() -> {
      Map<String, NetworkAttachment> attachments;
      try {
        attachments = migration.network().attachments(clusters.names());
      } catch (IllegalArgumentException e) {
        throw new StepOutcome.Refused("migration network " + migration.network().attachmentName() + ": "
            + e.getMessage());
      }
      List<EnsuredObject> objects = new ArrayList<>();
      for (String name : List.of(migration.sourceCluster(), migration.targetCluster())) {
        Cluster cluster = clusters.get(name);
        objects.add(l2vni(cluster, migration));
        objects.add(attachment(cluster, attachments.get(name), migration));
      }
      return new NetworkEnsured(objects);
    });
  }

  private static EnsuredObject l2vni(Cluster cluster, Migration migration) {
    MigrationL2Vni wanted = migration.network().l2vni();
    for (GenericKubernetesResource existing : cluster.list(ResourceKind.L2VNI, null)) {
      Long vni = Fields.number(existing, "spec", "vni");
      if (vni != null && vni == wanted.vni()) {
        requireSame(cluster, existing, wanted);
        return new EnsuredObject(cluster.ref(ResourceKind.L2VNI, existing.getMetadata().getNamespace(),
            existing.getMetadata().getName()), Ownership.ownedBy(existing, migration.id()));
      }
    }
    GenericKubernetesResource desired = new GenericKubernetesResource();
    desired.setMetadata(new ObjectMetaBuilder().withName(wanted.name()).withNamespace(wanted.namespace()).build());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("vni", wanted.vni());
    spec.put("vrf", wanted.vrf());
    spec.put("l2gatewayip", wanted.gateway());
    spec.put("hostmaster", Map.of("type", "bridge", "autocreate", true));
    desired.setAdditionalProperty("spec", spec);
    return new EnsuredObject(cluster.create(ResourceKind.L2VNI, desired, migration.id()).object(), true);
  }

  private static void requireSame(Cluster cluster, GenericKubernetesResource existing, MigrationL2Vni wanted) {
    String vrf = Fields.string(existing, "spec", "vrf");
    String gateway = Fields.string(existing, "spec", "l2gatewayip");
    if (!wanted.vrf().equals(vrf) || !sameInterfaceAddress(wanted.gateway(), gateway)) {
      throw new ForeignObject(cluster.ref(ResourceKind.L2VNI, existing.getMetadata().getNamespace(),
          existing.getMetadata().getName()), Ownership.ownerOf(existing), "has VNI " + wanted.vni() + " with VRF "
          + vrf + " and gateway " + gateway + ", the migration network needs VRF " + wanted.vrf() + " and gateway "
          + wanted.gateway());
    }
  }

  private static EnsuredObject attachment(Cluster cluster, NetworkAttachment wanted, Migration migration) {
    Optional<GenericKubernetesResource> existing =
        cluster.read(ResourceKind.NETWORK_ATTACHMENT_DEFINITION, wanted.namespace(), wanted.name());
    if (existing.isPresent()) {
      Optional<String> difference =
          AttachmentConfig.parse(Fields.string(existing.get(), "spec", "config")).differenceFrom(wanted);
      if (difference.isPresent()) {
        throw new ForeignObject(cluster.ref(ResourceKind.NETWORK_ATTACHMENT_DEFINITION, wanted.namespace(),
            wanted.name()), Ownership.ownerOf(existing.get()), "differs from this cluster's migration network: "
            + difference.get());
      }
      return new EnsuredObject(cluster.ref(ResourceKind.NETWORK_ATTACHMENT_DEFINITION, wanted.namespace(),
          wanted.name()), Ownership.ownedBy(existing.get(), migration.id()));
    }
    GenericKubernetesResource desired = new GenericKubernetesResource();
    desired.setMetadata(new ObjectMetaBuilder().withName(wanted.name()).withNamespace(wanted.namespace()).build());
    desired.setAdditionalProperty("spec", Map.of("config", wanted.config()));
    return new EnsuredObject(
        cluster.create(ResourceKind.NETWORK_ATTACHMENT_DEFINITION, desired, migration.id()).object(), true);
  }

  static boolean sameInterfaceAddress(String a, String b) {
    try {
      return Cidr.canonicalInterfaceAddress(a).equals(Cidr.canonicalInterfaceAddress(b));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
