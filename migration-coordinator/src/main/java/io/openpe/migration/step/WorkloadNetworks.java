package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.rules.HostBridgeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pre-check P6: every Multus network of the VM reaches the same L2VNI (VNI, gateway, VRF) in both clusters, so the
 * guest keeps its address and its gateway after the move. The chain is VM network → NetworkAttachmentDefinition →
 * {@code bridge: br-hs-<vni>} → the L2VNI custom resource (intent-service's CRD) with that VNI on each API server.
 */
final class WorkloadNetworks {
  private final Cluster source;
  private final Cluster target;
  private final Migration migration;

  WorkloadNetworks(Cluster source, Cluster target, Migration migration) {
    this.source = source;
    this.target = target;
    this.migration = migration;
  }

  List<Check> compare() {
    Optional<GenericKubernetesResource> vm =
        source.read(ResourceKind.VIRTUAL_MACHINE, migration.vmNamespace(), migration.vmName());
    if (vm.isEmpty()) {
      return List.of(Check.fail(Check.WORKLOAD_L2VNI, source.name(), "VM " + migration.vmNamespace() + "/"
          + migration.vmName() + " does not exist"));
    }
    List<Check> checks = new ArrayList<>();
    for (Map<String, Object> network : Fields.maps(Fields.list(vm.get(), "spec", "template", "spec", "networks"))) {
      String networkName = Fields.string(Fields.map(network, "multus"), "networkName");
      if (networkName != null) {
        checks.add(compare(Fields.string(network, "name"), networkName));
      }
    }
    if (checks.isEmpty()) {
      checks.add(Check.fail(Check.WORKLOAD_L2VNI, "", "VM " + migration.vmName() + " has no Multus network, so none "
          + "on an L2VNI: its addresses cannot follow it to " + target.name()));
    }
    return checks;
  }

  private Check compare(String network, String networkName) {
    String what = "network " + network + " (" + networkName + ")";
    Optional<Long> vni = vniOf(source, networkName, migration.vmNamespace());
    if (vni.isEmpty()) {
      return Check.fail(Check.WORKLOAD_L2VNI, source.name(), what + ": no NetworkAttachmentDefinition on an openpe "
          + "host bridge (" + HostBridgeName.PREFIX + "<vni>)");
    }
    Optional<Long> targetVni = vniOf(target, networkName, migration.targetNamespace());
    if (!targetVni.equals(vni)) {
      return Check.fail(Check.WORKLOAD_L2VNI, target.name(), what + ": the NetworkAttachmentDefinition in "
          + migration.targetNamespace() + " is " + targetVni.map(v -> "on VNI " + v).orElse("missing or not on an "
              + "openpe host bridge") + ", the source's is on VNI " + vni.get());
    }
    Optional<GenericKubernetesResource> here = l2vni(source, vni.get());
    Optional<GenericKubernetesResource> there = l2vni(target, vni.get());
    if (here.isEmpty() || there.isEmpty()) {
      return Check.fail(Check.WORKLOAD_L2VNI, here.isEmpty() ? source.name() : target.name(), what
          + ": no L2VNI with VNI " + vni.get());
    }
    String gatewayHere = Fields.string(here.get(), "spec", "l2gatewayip");
    String gatewayThere = Fields.string(there.get(), "spec", "l2gatewayip");
    String vrfHere = Fields.string(here.get(), "spec", "vrf");
    String vrfThere = Fields.string(there.get(), "spec", "vrf");
    boolean sameGateway = gatewayHere == null ? gatewayThere == null
        : gatewayThere != null && EnsureMigrationNetwork.sameInterfaceAddress(gatewayHere, gatewayThere);
    if (!sameGateway || !Objects.equals(vrfHere, vrfThere)) {
      return Check.fail(Check.WORKLOAD_L2VNI, "", what + ": VNI " + vni.get() + " has gateway " + gatewayHere
          + " and VRF " + vrfHere + " on " + source.name() + " but gateway " + gatewayThere + " and VRF " + vrfThere
          + " on " + target.name());
    }
    return Check.pass(Check.WORKLOAD_L2VNI, "", what + ": VNI " + vni.get() + ", gateway " + gatewayHere + ", VRF "
        + vrfHere + " on both clusters");
  }

  /** The VNI behind a Multus network name ({@code name} or {@code namespace/name}). */
  static Optional<Long> vniOf(Cluster cluster, String networkName, String defaultNamespace) {
    int slash = networkName.indexOf('/');
    String namespace = slash < 0 ? defaultNamespace : networkName.substring(0, slash);
    String name = slash < 0 ? networkName : networkName.substring(slash + 1);
    return cluster.read(ResourceKind.NETWORK_ATTACHMENT_DEFINITION, namespace, name)
        .map(nad -> AttachmentConfig.parse(Fields.string(nad, "spec", "config")).bridge())
        .map(HostBridgeName::vniOf)
        .filter(OptionalLong::isPresent)
        .map(OptionalLong::getAsLong);
  }

  private static Optional<GenericKubernetesResource> l2vni(Cluster cluster, long vni) {
    return cluster.list(ResourceKind.L2VNI, null).stream()
        .filter(l2vni -> Long.valueOf(vni).equals(Fields.number(l2vni, "spec", "vni")))
        .findFirst();
  }
}
