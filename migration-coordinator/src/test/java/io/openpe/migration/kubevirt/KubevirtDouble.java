package io.openpe.migration.kubevirt;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.KubevirtApi;
import io.openpe.migration.kube.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stand-in for KubeVirt, because KubeVirt cannot run here: it needs nodes with libvirt, virt-handler and
 * virt-launcher pods, and its controllers. It plays KubeVirt's controllers on any set of API servers (in tests, fabric8
 * mock servers in CRUD mode, see {@link MockClusters}), moving VM, VMI and VMIM status the way KubeVirt documents
 * decentralized live migration (KubeVirt {@code types.go}, {@code pkg/virt-controller/watch/migration/migration.go},
 * {@code vm.go}; research note §1.5, §1.8, §1.9):
 *
 * <ul>
 *   <li>a VM with {@code runStrategy: Always} gets a {@code Running} VMI; a {@code WaitAsReceiver} VM gets a receiver
 *       VMI (annotation {@code kubevirt.io/create-migration-target}) in {@code WaitingForSync}; a {@code Halted} VM
 *       loses its VMI; a VMI without its VM is deleted (owner garbage collection);</li>
 *   <li>a target VMIM ({@code spec.receive}) goes to {@code WaitingForSync} and gets {@code status
 *       .synchronizationAddresses} from its cluster's KubeVirt CR; a source VMIM ({@code spec.sendTo}) goes to
 *       {@code Synchronizing} and records the sync address in the source VMI's {@code migrationState};</li>
 *   <li>once both exist they advance together, one phase per {@link #advance()}: Pending → Scheduling → Scheduled →
 *       PreparingTarget → TargetReady → Running → Succeeded. At the switchover the {@link Switchover} hook runs (the
 *       fabric lab moves the VM's namespace there); on success the receiver VMI runs with {@code migrationState
 *       .completed}, its VM gets the run strategy of {@code kubevirt.io/restore-run-strategy}, the source VMI is
 *       {@code Succeeded} and the source VM is set {@code Halted};</li>
 *   <li>deleting one VMIM of a paired migration fails the other (KubeVirt forwards the cancel); the receiver VMI
 *       stays {@code WaitingForSync}.</li>
 * </ul>
 *
 * <p>Its {@link Failures} switches produce issue 9's failures: the sync never happens (both VMIMs wait forever, as in
 * kubevirt#17317), the source launcher is lost (both VMIMs and the source VMI fail), no gratuitous ARP at the
 * switchover (passed to the hook). "Target API down" is the API server's business: {@link MockCluster#stop()}. A
 * cluster that does not answer is skipped for the round, as KubeVirt's controllers stall without their API server.
 *
 * <p>It is driven, not timed: {@link #advance()} makes at most one transition per object, so a test can stop at any
 * phase without sleeping. Nothing here depends on the mock server; any fabric8 client will do.
 */
public final class KubevirtDouble {
  private static final List<String> PHASES =
      List.of("Pending", "Scheduling", "Scheduled", "PreparingTarget", "TargetReady", "Running", "Succeeded");

  /** Called when the guest moves, between Running and Succeeded. */
  @FunctionalInterface
  public interface Switchover {
    void moved(String namespace, String vm, String fromCluster, String toCluster, boolean gratuitousArp);
  }

  /** The failure switches; all off by default. */
  public static final class Failures {
    public volatile boolean syncNeverHappens;
    public volatile boolean sourceLauncherLost;
    public volatile boolean noGratuitousArp;
  }

  private final Map<String, KubernetesClient> clusters;
  private final Switchover switchover;
  private final Failures failures = new Failures();

  public KubevirtDouble(Map<String, KubernetesClient> clusters, Switchover switchover) {
    this.clusters = new LinkedHashMap<>(clusters);
    this.switchover = switchover;
  }

  public Failures failures() {
    return failures;
  }

  /**
   * Installs "KubeVirt" on a cluster: the KubeVirt CR {@code <namespace>/kubevirt} with the feature gate (or not), the
   * migration network, and the synchronization controller's address in its status.
   */
  public void install(String cluster, String namespace, String migrationNetwork, boolean gateOn, String syncAddress) {
    GenericKubernetesResource kubevirt = new GenericKubernetesResource();
    kubevirt.setApiVersion(ResourceKind.KUBEVIRT.apiVersion());
    kubevirt.setKind(ResourceKind.KUBEVIRT.kind());
    kubevirt.setMetadata(new ObjectMetaBuilder().withName("kubevirt").withNamespace(namespace).build());
    Map<String, Object> configuration = new LinkedHashMap<>();
    configuration.put("developerConfiguration",
        Map.of("featureGates", gateOn ? List.of(KubevirtApi.DECENTRALIZED_LIVE_MIGRATION) : List.of()));
    if (migrationNetwork != null) {
      configuration.put("migrations", Map.of("network", migrationNetwork));
    }
    kubevirt.setAdditionalProperty("spec", Map.of("configuration", configuration));
    GenericKubernetesResource created = op(cluster, ResourceKind.KUBEVIRT).inNamespace(namespace)
        .resource(kubevirt).create();
    created.setAdditionalProperty("status", Map.of("phase", "Deployed",
        "synchronizationAddresses", List.of(syncAddress)));
    op(cluster, ResourceKind.KUBEVIRT).inNamespace(namespace).resource(created).updateStatus();
  }

  /** Advances until nothing changes; returns the number of rounds. */
  public int settle() {
    for (int round = 1; round <= 50; round++) {
      if (advance() == 0) {
        return round;
      }
    }
    throw new AssertionError("the KubeVirt double did not settle in 50 rounds");
  }

  /** One round of every controller on every cluster that answers; returns the number of changes made. */
  public int advance() {
    Map<String, World> worlds = new LinkedHashMap<>();
    for (String cluster : clusters.keySet()) {
      try {
        worlds.put(cluster, World.read(this, cluster));
      } catch (KubernetesClientException unreachable) {
        // KubeVirt's controllers on that cluster stall with their API server.
      }
    }
    int changes = 0;
    for (World world : worlds.values()) {
      changes += virtualMachines(world);
    }
    changes += migrations(worlds, worlds.size() == clusters.size());
    return changes;
  }

  private int virtualMachines(World world) {
    int changes = 0;
    for (GenericKubernetesResource vm : world.vms.values()) {
      String key = key(vm);
      GenericKubernetesResource vmi = world.vmis.get(key);
      String strategy = Fields.string(vm, "spec", "runStrategy");
      if (vmi == null && (KubevirtApi.ALWAYS.equals(strategy) || "RerunOnFailure".equals(strategy))) {
        createVmi(world.cluster, vm, false, "Running");
        changes++;
      } else if (vmi == null && KubevirtApi.WAIT_AS_RECEIVER.equals(strategy)) {
        createVmi(world.cluster, vm, true, "WaitingForSync");
        changes++;
      } else if (vmi != null && KubevirtApi.WAIT_AS_RECEIVER.equals(strategy)
          && "Running".equals(Fields.string(vmi, "status", "phase"))
          && Fields.bool(vmi, "status", "migrationState", "completed")) {
        String restore = vm.getMetadata().getAnnotations() == null ? null
            : vm.getMetadata().getAnnotations().get(KubevirtApi.RESTORE_RUN_STRATEGY);
        setRunStrategy(world.cluster, vm, restore == null ? KubevirtApi.ALWAYS : restore);
        changes++;
      } else if (vmi != null && KubevirtApi.HALTED.equals(strategy)) {
        op(world.cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE).inNamespace(vm.getMetadata().getNamespace())
            .withName(vm.getMetadata().getName()).delete();
        changes++;
      }
    }
    for (GenericKubernetesResource vmi : world.vmis.values()) {
      if (!world.vms.containsKey(key(vmi))) {
        op(world.cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE).inNamespace(vmi.getMetadata().getNamespace())
            .withName(vmi.getMetadata().getName()).delete();
        changes++;
      }
    }
    return changes;
  }

  private int migrations(Map<String, World> worlds, boolean allReachable) {
    Map<String, Located> targets = new HashMap<>();
    Map<String, Located> sources = new HashMap<>();
    for (World world : worlds.values()) {
      for (GenericKubernetesResource vmim : world.vmims) {
        String receive = Fields.string(vmim, "spec", "receive", "migrationID");
        String sendTo = Fields.string(vmim, "spec", "sendTo", "migrationID");
        if (receive != null) {
          targets.put(receive, new Located(world, vmim));
        } else if (sendTo != null) {
          sources.put(sendTo, new Located(world, vmim));
        }
      }
    }
    Set<String> ids = new TreeSet<>(targets.keySet());
    ids.addAll(sources.keySet());
    int changes = 0;
    for (String id : ids) {
      changes += migration(targets.get(id), sources.get(id), allReachable);
    }
    return changes;
  }

  private int migration(Located target, Located source, boolean allReachable) {
    String targetPhase = target == null ? null : phase(target.vmim);
    String sourcePhase = source == null ? null : phase(source.vmim);
    if (target != null && targetPhase.isEmpty()) {
      List<Object> addresses = target.world.kubevirt == null ? List.of()
          : Fields.list(target.world.kubevirt, "status", "synchronizationAddresses");
      setStatus(target, Map.of("phase", "WaitingForSync", "synchronizationAddresses", addresses));
      return 1;
    }
    if (source != null && sourcePhase.isEmpty()) {
      setStatus(source, Map.of("phase", "Synchronizing"));
      updateVmiStatus(source.world, source.vmim, status -> status.put("migrationState", new LinkedHashMap<>(Map.of(
          "sourceState", Map.of("migrationUID", uid(source.vmim)),
          "targetState", Map.of("syncAddress", Fields.string(source.vmim, "spec", "sendTo", "connectURL"))))));
      return 1;
    }
    if (!allReachable) {
      return 0;
    }
    if (target != null && source != null) {
      return paired(target, source, targetPhase, sourcePhase);
    }
    // One side was deleted: KubeVirt forwards the cancel to the other side once they were paired.
    Located alone = target != null ? target : source;
    String phase = phase(alone.vmim);
    if (PHASES.contains(phase) && !"Succeeded".equals(phase)) {
      setStatus(alone, Map.of("phase", "Failed", "conditions",
          List.of(Map.of("type", "migrationAbortRequested", "status", "True"))));
      return 1;
    }
    return 0;
  }

  private int paired(Located target, Located source, String targetPhase, String sourcePhase) {
    if ("WaitingForSync".equals(targetPhase) && "Synchronizing".equals(sourcePhase)) {
      if (failures.syncNeverHappens) {
        return 0;
      }
      setStatus(target, Map.of("phase", "Pending"));
      setStatus(source, Map.of("phase", "Pending"));
      return 2;
    }
    if (!targetPhase.equals(sourcePhase) || !PHASES.contains(targetPhase) || "Succeeded".equals(targetPhase)) {
      return 0;
    }
    if (failures.sourceLauncherLost) {
      String reason = "source virt-launcher pod lost";
      setStatus(target, Map.of("phase", "Failed"));
      setStatus(source, Map.of("phase", "Failed"));
      updateVmiStatus(source.world, source.vmim, status -> {
        status.put("phase", "Failed");
        status.put("migrationState", Map.of("failed", true, "failureReason", reason));
      });
      return 3;
    }
    String next = PHASES.get(PHASES.indexOf(targetPhase) + 1);
    if ("Succeeded".equals(next)) {
      String namespace = source.vmim.getMetadata().getNamespace();
      String vm = Fields.string(source.vmim, "spec", "vmiName");
      switchover.moved(namespace, vm, source.world.cluster, target.world.cluster, !failures.noGratuitousArp);
      updateVmiStatus(target.world, target.vmim, status -> {
        status.put("phase", "Running");
        status.put("migrationState", Map.of("completed", true, "targetState", Map.of("migrationUID", uid(target.vmim))));
      });
      updateVmiStatus(source.world, source.vmim, status -> {
        status.put("phase", "Succeeded");
        status.put("migrationState", Map.of("completed", true));
      });
      GenericKubernetesResource sourceVm = source.world.vms.get(namespace + "/" + vm);
      if (sourceVm != null) {
        setRunStrategy(source.world.cluster, sourceVm, KubevirtApi.HALTED);
      }
    }
    setStatus(target, Map.of("phase", next));
    setStatus(source, Map.of("phase", next));
    return 2;
  }

  private void createVmi(String cluster, GenericKubernetesResource vm, boolean receiver, String phase) {
    GenericKubernetesResource vmi = new GenericKubernetesResource();
    vmi.setApiVersion(ResourceKind.VIRTUAL_MACHINE_INSTANCE.apiVersion());
    vmi.setKind(ResourceKind.VIRTUAL_MACHINE_INSTANCE.kind());
    ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(vm.getMetadata().getName())
        .withNamespace(vm.getMetadata().getNamespace());
    if (receiver) {
      meta.withAnnotations(Map.of(KubevirtApi.CREATE_MIGRATION_TARGET, "true"));
    }
    vmi.setMetadata(meta.build());
    vmi.setAdditionalProperty("spec", Fields.map(vm, "spec", "template", "spec"));
    GenericKubernetesResource created = op(cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE)
        .inNamespace(vm.getMetadata().getNamespace()).resource(vmi).create();
    created.setAdditionalProperty("status", new LinkedHashMap<>(Map.of("phase", phase)));
    op(cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE).inNamespace(vm.getMetadata().getNamespace())
        .resource(created).updateStatus();
  }

  private void setRunStrategy(String cluster, GenericKubernetesResource vm, String strategy) {
    op(cluster, ResourceKind.VIRTUAL_MACHINE).inNamespace(vm.getMetadata().getNamespace())
        .withName(vm.getMetadata().getName()).edit(current -> {
          Map<String, Object> spec = new LinkedHashMap<>(Fields.map(current, "spec"));
          spec.put("runStrategy", strategy);
          current.setAdditionalProperty("spec", spec);
          return current;
        });
  }

  private void setStatus(Located located, Map<String, Object> changes) {
    Map<String, Object> status = new LinkedHashMap<>(Fields.map(located.vmim, "status"));
    status.putAll(changes);
    located.vmim.setAdditionalProperty("status", status);
    located.vmim.getMetadata().setResourceVersion(null);
    op(located.world.cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION)
        .inNamespace(located.vmim.getMetadata().getNamespace()).resource(located.vmim).updateStatus();
  }

  private void updateVmiStatus(World world, GenericKubernetesResource vmim,
      java.util.function.Consumer<Map<String, Object>> change) {
    String namespace = vmim.getMetadata().getNamespace();
    GenericKubernetesResource vmi = op(world.cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE).inNamespace(namespace)
        .withName(Fields.string(vmim, "spec", "vmiName")).get();
    if (vmi == null) {
      return;
    }
    Map<String, Object> status = new LinkedHashMap<>(Fields.map(vmi, "status"));
    change.accept(status);
    vmi.setAdditionalProperty("status", status);
    op(world.cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE).inNamespace(namespace).resource(vmi).updateStatus();
  }

  private io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> op(String cluster, ResourceKind kind) {
    return clusters.get(cluster).genericKubernetesResources(kind.context());
  }

  private static String phase(GenericKubernetesResource vmim) {
    String phase = Fields.string(vmim, "status", "phase");
    return phase == null ? "" : phase;
  }

  private static String uid(GenericKubernetesResource object) {
    String uid = object.getMetadata().getUid();
    return uid == null ? object.getMetadata().getName() : uid;
  }

  private static String key(GenericKubernetesResource object) {
    return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  private record Located(World world, GenericKubernetesResource vmim) {
  }

  /** One cluster as read at the start of a round. */
  private record World(String cluster, Map<String, GenericKubernetesResource> vms,
      Map<String, GenericKubernetesResource> vmis, List<GenericKubernetesResource> vmims,
      GenericKubernetesResource kubevirt) {
    static World read(KubevirtDouble kubevirt, String cluster) {
      Map<String, GenericKubernetesResource> vms = new LinkedHashMap<>();
      kubevirt.op(cluster, ResourceKind.VIRTUAL_MACHINE).inAnyNamespace().list().getItems()
          .forEach(vm -> vms.put(key(vm), vm));
      Map<String, GenericKubernetesResource> vmis = new LinkedHashMap<>();
      kubevirt.op(cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE).inAnyNamespace().list().getItems()
          .forEach(vmi -> vmis.put(key(vmi), vmi));
      List<GenericKubernetesResource> vmims = new ArrayList<>(
          kubevirt.op(cluster, ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION).inAnyNamespace().list().getItems());
      List<GenericKubernetesResource> crs =
          kubevirt.op(cluster, ResourceKind.KUBEVIRT).inAnyNamespace().list().getItems();
      return new World(cluster, vms, vmis, vmims, crs.isEmpty() ? null : crs.getFirst());
    }
  }
}
