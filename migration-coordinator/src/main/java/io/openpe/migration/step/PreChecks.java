package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.ClusterUnreachable;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.KubevirtApi;
import io.openpe.migration.kube.Ownership;
import io.openpe.migration.kube.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that must hold before anything is created (DESIGN §7; research note §2.1 P1–P3, P6, P8, P9). Read only,
 * so a failed report needs no compensation. A cluster whose API server does not answer fails
 * {@link Check#API_SERVER_REACHABLE} and its other checks are not run.
 */
public final class PreChecks {
  private final Clusters clusters;

  public PreChecks(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<PreCheckReport> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster source = clusters.get(migration.sourceCluster());
      Cluster target = clusters.get(migration.targetCluster());
      List<Check> checks = new ArrayList<>();
      boolean sourceUp = reachable(source, checks);
      boolean targetUp = reachable(target, checks);
      try {
        if (sourceUp) {
          kubevirt(source, migration, checks);
        }
        if (targetUp) {
          kubevirt(target, migration, checks);
        }
        if (sourceUp) {
          checks.add(macSet(source, migration));
        }
        if (sourceUp && targetUp) {
          checks.addAll(new WorkloadNetworks(source, target, migration).compare());
        }
        if (sourceUp) {
          checks.add(noMigrationInFlight(source, migration.vmNamespace(), migration));
        }
        if (targetUp) {
          checks.add(noMigrationInFlight(target, migration.targetNamespace(), migration));
        }
      } catch (ClusterUnreachable e) {
        // Answered the probe, then stopped answering: the report says so instead of a half-checked pass.
        checks.add(Check.fail(Check.API_SERVER_REACHABLE, e.cluster(), e.getMessage()));
      }
      return new PreCheckReport(checks);
    });
  }

  private static boolean reachable(Cluster cluster, List<Check> checks) {
    try {
      String version = cluster.probe();
      checks.add(Check.pass(Check.API_SERVER_REACHABLE, cluster.name(), "Kubernetes " + version));
      return true;
    } catch (RuntimeException e) {
      checks.add(Check.fail(Check.API_SERVER_REACHABLE, cluster.name(), e.getMessage()));
      return false;
    }
  }

  /** The feature gate and the migration network in the cluster's KubeVirt CR. */
  private static void kubevirt(Cluster cluster, Migration migration, List<Check> checks) {
    List<GenericKubernetesResource> crs = cluster.list(ResourceKind.KUBEVIRT, null);
    if (crs.size() != 1) {
      String detail = crs.isEmpty() ? "no KubeVirt CR: KubeVirt is not installed" : crs.size() + " KubeVirt CRs";
      checks.add(Check.fail(Check.FEATURE_GATE, cluster.name(), detail));
      checks.add(Check.fail(Check.MIGRATION_NETWORK, cluster.name(), detail));
      return;
    }
    GenericKubernetesResource kubevirt = crs.getFirst();
    List<Object> gates = Fields.list(kubevirt, "spec", "configuration", "developerConfiguration", "featureGates");
    checks.add(gates.contains(KubevirtApi.DECENTRALIZED_LIVE_MIGRATION)
        ? Check.pass(Check.FEATURE_GATE, cluster.name(), KubevirtApi.DECENTRALIZED_LIVE_MIGRATION + " is on")
        : Check.fail(Check.FEATURE_GATE, cluster.name(), "spec.configuration.developerConfiguration.featureGates of "
            + "KubeVirt " + kubevirt.getMetadata().getNamespace() + "/" + kubevirt.getMetadata().getName()
            + " lacks " + KubevirtApi.DECENTRALIZED_LIVE_MIGRATION + " (has " + gates + ")"));
    String network = Fields.string(kubevirt, "spec", "configuration", "migrations", "network");
    String wanted = migration.network().attachmentName();
    String namespace = kubevirt.getMetadata().getNamespace();
    if (!wanted.equals(network)) {
      checks.add(Check.fail(Check.MIGRATION_NETWORK, cluster.name(), "spec.configuration.migrations.network is "
          + (network == null ? "unset (migrations use the pod network)" : network) + ", expected " + wanted));
    } else if (!namespace.equals(migration.network().attachmentNamespace())) {
      checks.add(Check.fail(Check.MIGRATION_NETWORK, cluster.name(), "KubeVirt runs in " + namespace
          + " but the migration network's attachment is configured in "
          + migration.network().attachmentNamespace() + " (KubeVirt looks for it in its own namespace)"));
    } else {
      checks.add(Check.pass(Check.MIGRATION_NETWORK, cluster.name(), "KubeVirt migrates over " + namespace + "/"
          + wanted));
    }
  }

  /** P9: a MAC the guest keeps must be in the spec, or the receiver gets a new one and the EVPN move never happens. */
  private static Check macSet(Cluster source, Migration migration) {
    Optional<GenericKubernetesResource> vm =
        source.read(ResourceKind.VIRTUAL_MACHINE, migration.vmNamespace(), migration.vmName());
    if (vm.isEmpty()) {
      return Check.fail(Check.VM_MAC_SET, source.name(), "VM " + migration.vmNamespace() + "/" + migration.vmName()
          + " does not exist");
    }
    List<Map<String, Object>> interfaces = Fields.maps(
        Fields.list(vm.get(), "spec", "template", "spec", "domain", "devices", "interfaces"));
    List<String> missing = interfaces.stream().filter(device -> Fields.string(device, "macAddress") == null)
        .map(device -> String.valueOf(Fields.string(device, "name"))).toList();
    if (interfaces.isEmpty() || !missing.isEmpty()) {
      return Check.fail(Check.VM_MAC_SET, source.name(), interfaces.isEmpty() ? "VM has no interfaces"
          : "spec.template.spec.domain.devices.interfaces without macAddress: " + missing);
    }
    return Check.pass(Check.VM_MAC_SET, source.name(), "MACs " + CreateReceiverVm.macAddresses(vm.get()));
  }

  /** P8: KubeVirt's admission refuses a second in-flight VMIM for a VMI; ours from an earlier attempt do not count. */
  private static Check noMigrationInFlight(Cluster cluster, String namespace, Migration migration) {
    List<String> inFlight = new ArrayList<>();
    for (GenericKubernetesResource vmim : cluster.list(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, namespace)) {
      boolean sameVmi = migration.vmName().equals(Fields.string(vmim, "spec", "vmiName"));
      boolean done = MigrationPhase.fromKubevirt(Fields.string(vmim, "status", "phase")).isFinal();
      if (sameVmi && !done && !Ownership.ownedBy(vmim, migration.id())) {
        inFlight.add(vmim.getMetadata().getName());
      }
    }
    return inFlight.isEmpty()
        ? Check.pass(Check.NO_MIGRATION_IN_FLIGHT, cluster.name(), "no other VMIM for " + migration.vmName())
        : Check.fail(Check.NO_MIGRATION_IN_FLIGHT, cluster.name(), "VMIMs in flight for " + namespace + "/"
            + migration.vmName() + ": " + inFlight);
  }
}
