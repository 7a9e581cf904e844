package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.KubevirtApi;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After the pivot (forward only): the receiver runs with its restored run strategy (KubeVirt restores it from
 * {@code kubevirt.io/restore-run-strategy}; if it has not, this does), then both VMIMs are deleted, as Forklift's
 * {@code Complete()} does. Refuses before the pivot: restoring the run strategy of a receiver that never got the guest
 * would boot a second copy of the VM.
 */
public final class Finalize {
  private final Clusters clusters;

  public Finalize(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<Finalized> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster target = clusters.get(migration.targetCluster());
      Cluster source = clusters.get(migration.sourceCluster());
      if (!ObservePhases.TargetSide.read(target, migration).pivoted()) {
        throw new StepOutcome.Refused("migration " + migration.id() + " has not pivoted: the receiver "
            + migration.targetNamespace() + "/" + migration.vmName() + " on " + target.name()
            + " does not run the guest");
      }
      String targetStrategy = restoreRunStrategy(target, migration);
      Removal targetVmim = target.delete(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.targetNamespace(),
          MigrationNames.targetMigration(migration.id()), migration.id());
      Removal sourceVmim = source.delete(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, migration.vmNamespace(),
          MigrationNames.sourceMigration(migration.id()), migration.id());
      String sourceStrategy = source.read(ResourceKind.VIRTUAL_MACHINE, migration.vmNamespace(), migration.vmName())
          .map(CreateReceiverVm::runStrategyOf).orElse("");
      return new Finalized(targetStrategy, sourceStrategy, List.of(targetVmim, sourceVmim));
    });
  }

  private static String restoreRunStrategy(Cluster target, Migration migration) {
    GenericKubernetesResource vm = target.read(ResourceKind.VIRTUAL_MACHINE, migration.targetNamespace(),
        migration.vmName()).orElseThrow(() -> new StepOutcome.Refused("receiver VM " + migration.targetNamespace()
            + "/" + migration.vmName() + " on " + target.name() + " is gone"));
    String strategy = CreateReceiverVm.runStrategyOf(vm);
    if (!KubevirtApi.WAIT_AS_RECEIVER.equals(strategy)) {
      return strategy;
    }
    Map<String, String> annotations = vm.getMetadata().getAnnotations();
    String restore = annotations == null ? null : annotations.get(KubevirtApi.RESTORE_RUN_STRATEGY);
    String wanted = restore == null ? KubevirtApi.ALWAYS : restore;
    target.update(ResourceKind.VIRTUAL_MACHINE, vm, current -> {
      Map<String, Object> spec = new LinkedHashMap<>(Fields.map(current, "spec"));
      spec.put("runStrategy", wanted);
      current.setAdditionalProperty("spec", spec);
      return current;
    }, migration.id());
    return wanted;
  }
}
