package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.migration.kube.Cluster;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.KubevirtApi;
import io.openpe.migration.kube.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The receiver VM on the target cluster: the source VM's spec with {@code runStrategy: WaitAsReceiver}, the template
 * untouched (same MACs, same networks, same volumes; seed 003's receiver is "the same - except the runStrategy"), and
 * the source's run strategy in {@code kubevirt.io/restore-run-strategy} for KubeVirt to restore after the move.
 */
public final class CreateReceiverVm {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clusters clusters;

  public CreateReceiverVm(Clusters clusters) {
    this.clusters = clusters;
  }

  public StepOutcome<ReceiverVm> run(Migration migration) {
    return StepOutcome.of(() -> {
      Cluster target = clusters.get(migration.targetCluster());
      Optional<GenericKubernetesResource> existing =
          target.read(ResourceKind.VIRTUAL_MACHINE, migration.targetNamespace(), migration.vmName());
      if (existing.isPresent()) {
        // An earlier attempt's receiver (the source may be halted by now: never read it again), or a foreign VM.
        return observe(target, target.requireOurs(target.ref(ResourceKind.VIRTUAL_MACHINE,
            migration.targetNamespace(), migration.vmName()), existing.get(), migration.id()));
      }
      GenericKubernetesResource receiver = receiverFrom(sourceVm(migration), migration);
      return observe(target, target.create(ResourceKind.VIRTUAL_MACHINE, receiver, migration.id()).current());
    });
  }

  private GenericKubernetesResource sourceVm(Migration migration) {
    Cluster source = clusters.get(migration.sourceCluster());
    return source.read(ResourceKind.VIRTUAL_MACHINE, migration.vmNamespace(), migration.vmName())
        .orElseThrow(() -> new StepOutcome.Refused("source VM " + migration.vmNamespace() + "/" + migration.vmName()
            + " on " + source.name() + " does not exist"));
  }

  /** The receiver's desired form, from the source VM as read. */
  static GenericKubernetesResource receiverFrom(GenericKubernetesResource sourceVm, Migration migration) {
    // A deep copy: the receiver must not share nested maps with the object read from the source.
    Map<String, Object> spec = new LinkedHashMap<>(castMap(JSON.convertValue(Fields.map(sourceVm, "spec"), Map.class)));
    String restore = runStrategyOf(sourceVm);
    spec.remove("running");
    spec.put("runStrategy", KubevirtApi.WAIT_AS_RECEIVER);
    GenericKubernetesResource receiver = new GenericKubernetesResource();
    receiver.setMetadata(new ObjectMetaBuilder()
        .withName(migration.vmName())
        .withNamespace(migration.targetNamespace())
        .withAnnotations(Map.of(KubevirtApi.RESTORE_RUN_STRATEGY, restore))
        .build());
    receiver.setAdditionalProperty("spec", spec);
    return receiver;
  }

  /** {@code spec.runStrategy}, or the older {@code spec.running} boolean it replaces. */
  static String runStrategyOf(GenericKubernetesResource vm) {
    String strategy = Fields.string(vm, "spec", "runStrategy");
    if (strategy != null) {
      return strategy;
    }
    return Fields.bool(vm, "spec", "running") ? KubevirtApi.ALWAYS : KubevirtApi.HALTED;
  }

  /** The MAC of every interface of the VM's template, in order; null entries for interfaces without one. */
  static List<String> macAddresses(GenericKubernetesResource vm) {
    List<String> macs = new ArrayList<>();
    for (Map<String, Object> device : Fields.maps(
        Fields.list(vm, "spec", "template", "spec", "domain", "devices", "interfaces"))) {
      macs.add(Fields.string(device, "macAddress"));
    }
    return macs;
  }

  private static ReceiverVm observe(Cluster target, GenericKubernetesResource receiver) {
    String restore = receiver.getMetadata().getAnnotations() == null ? null
        : receiver.getMetadata().getAnnotations().get(KubevirtApi.RESTORE_RUN_STRATEGY);
    return new ReceiverVm(target.ref(ResourceKind.VIRTUAL_MACHINE, receiver.getMetadata().getNamespace(),
        receiver.getMetadata().getName()), restore == null ? KubevirtApi.ALWAYS : restore,
        macAddresses(receiver).stream().map(mac -> mac == null ? "" : mac).toList());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
