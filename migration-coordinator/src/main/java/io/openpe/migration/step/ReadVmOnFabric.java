package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which MAC in which VNI route-service should be asked about: the VM's first Multus network whose attachment is on
 * an openpe host bridge, and the {@code macAddress} of the interface with that network's name. Read only. The source
 * VM is read; after the pivot it may be gone, then the receiver (same template, same MACs) answers.
 */
public final class ReadVmOnFabric {
  private final Clusters clusters;

  public ReadVmOnFabric(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<VmOnFabric> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster source = clusters.get(migration.sourceCluster());
      Cluster target = clusters.get(migration.targetCluster());
      Optional<GenericKubernetesResource> sourceVm =
          source.read(ResourceKind.VIRTUAL_MACHINE, migration.vmNamespace(), migration.vmName());
      Cluster holder = sourceVm.isPresent() ? source : target;
      String namespace = sourceVm.isPresent() ? migration.vmNamespace() : migration.targetNamespace();
      GenericKubernetesResource vm = sourceVm.or(() -> target.read(ResourceKind.VIRTUAL_MACHINE,
          migration.targetNamespace(), migration.vmName())).orElseThrow(() -> new StepOutcome.Refused("VM "
              + migration.vmNamespace() + "/" + migration.vmName() + " exists on neither cluster"));
      for (Map<String, Object> network : Fields.maps(Fields.list(vm, "spec", "template", "spec", "networks"))) {
        String networkName = Fields.string(Fields.map(network, "multus"), "networkName");
        if (networkName == null) {
          continue;
        }
        Optional<Long> vni = WorkloadNetworks.vniOf(holder, networkName, namespace);
        Optional<String> mac = Fields.maps(Fields.list(vm, "spec", "template", "spec", "domain", "devices",
            "interfaces")).stream()
            .filter(device -> Fields.string(network, "name").equals(Fields.string(device, "name")))
            .map(device -> Fields.string(device, "macAddress"))
            .filter(address -> address != null && !address.isBlank())
            .findFirst();
        if (vni.isPresent() && mac.isPresent()) {
          return new VmOnFabric(vni.get(), mac.get().toLowerCase(Locale.ROOT));
        }
      }
      throw new StepOutcome.Refused("VM " + namespace + "/" + migration.vmName() + " on " + holder.name()
          + " has no interface with a macAddress on an openpe L2VNI");
    });
  }
}
