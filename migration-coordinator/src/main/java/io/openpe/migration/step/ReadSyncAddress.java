package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.KubevirtApi;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.ResourceKind;
import java.util.List;

/** The target VMIM's {@code status.synchronizationAddresses[0]}, once KubeVirt has set it. Read only. */
public final class ReadSyncAddress {
  private final Clusters clusters;

  public ReadSyncAddress(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<SyncAddress> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster target = clusters.get(migration.targetCluster());
      String name = MigrationNames.targetMigration(migration.id());
      GenericKubernetesResource vmim = target
          .read(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.targetNamespace(), name)
          .orElseThrow(() -> new StepOutcome.Refused("target migration " + migration.targetNamespace() + "/" + name
              + " on " + target.name() + " does not exist"));
      List<Object> addresses = Fields.list(vmim, "status", "synchronizationAddresses");
      if (addresses.isEmpty() || !(addresses.getFirst() instanceof String first) || first.isBlank()) {
        throw new StepOutcome.NotYet("target migration " + name + " on " + target.name()
            + " has no status.synchronizationAddresses yet");
      }
      return new SyncAddress(withPort(first));
    });
  }

  /**
   * KubeVirt documents the address as including the port; seed 003's runbook appends {@code :9185} to a bare IP, so a
   * bare address gets the default synchronization port.
   */
  static String withPort(String address) {
    boolean bracketedV6 = address.startsWith("[");
    boolean hasPort = bracketedV6 ? address.contains("]:") : address.chars().filter(c -> c == ':').count() == 1;
    if (hasPort) {
      return address;
    }
    boolean bareV6 = !bracketedV6 && address.contains(":");
    return (bareV6 ? "[" + address + "]" : address) + ":" + KubevirtApi.DEFAULT_SYNCHRONIZATION_PORT;
  }
}
