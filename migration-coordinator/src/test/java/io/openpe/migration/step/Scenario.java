package io.openpe.migration.step;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.Ownership;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.kubevirt.KubevirtDouble;
import io.openpe.migration.kubevirt.MockCluster;
import io.openpe.migration.kubevirt.MockClusters;
import io.openpe.migration.network.MigrationL2Vni;
import io.openpe.migration.network.MigrationNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Seed 003's world on two mock API servers: KubeVirt (the double) on both clusters with the gate on and
 * {@code migration-evpn} as migration network, seed 000's workload L2VNI 110 and NAD {@code evpn} on both, and seed
 * 003's {@code vm-1} running on cluster A. The migration network objects themselves are not there, unless a test
 * provisions them.
 */
final class Scenario {
  static final String A = MockClusters.A;
  static final String B = MockClusters.B;
  /** seed 003's {@code migrationID}. */
  static final String ID = "cross-cluster-demo";
  static final MigrationNetwork NETWORK = new MigrationNetwork(
      new MigrationL2Vni("migration", "openperouter-system", 666, "rouge", "192.170.10.1/24"),
      "migration-evpn", "kubevirt", 1450);
  static final Migration MIGRATION = new Migration(ID, A, B, "default", "vm-1", "default", NETWORK);
  /** What the sync controllers advertise: the first address of each cluster's half (seed 003's website run). */
  static final String SYNC_A = "192.170.10.2:9185";
  static final String SYNC_B = "192.170.10.128:9185";

  final MockClusters mock = MockClusters.fresh();
  final Clusters clusters = mock.clusters();
  final Steps steps = Steps.on(clusters);
  final List<String> switchovers = new ArrayList<>();
  final KubevirtDouble kubevirt;

  Scenario() {
    Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    mock.all().forEach(cluster -> clients.put(cluster.name(), cluster.client()));
    kubevirt = new KubevirtDouble(clients, (namespace, vm, from, to, arp) ->
        switchovers.add(namespace + "/" + vm + " " + from + "->" + to + (arp ? " garp" : " silent")));
    kubevirt.install(A, "kubevirt", "migration-evpn", true, SYNC_A);
    kubevirt.install(B, "kubevirt", "migration-evpn", true, SYNC_B);
    for (String cluster : List.of(A, B)) {
      load(cluster, "workload.yaml");
    }
    load(A, "source-vm.yaml");
    kubevirt.settle();
  }

  MockCluster cluster(String name) {
    return mock.cluster(name);
  }

  KubernetesClient client(String name) {
    return mock.cluster(name).client();
  }

  /** Creates the objects of a fixture beside this class on one cluster. */
  List<GenericKubernetesResource> load(String cluster, String fixture) {
    List<GenericKubernetesResource> created = new ArrayList<>();
    try (InputStream in = Scenario.class.getResourceAsStream(fixture)) {
      for (HasMetadata item : client(cluster).load(in).items()) {
        GenericKubernetesResource object = (GenericKubernetesResource) item;
        created.add(op(cluster, kindOf(object)).inNamespace(object.getMetadata().getNamespace()).resource(object)
            .create());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return created;
  }

  GenericKubernetesResource get(String cluster, ResourceKind kind, String namespace, String name) {
    return op(cluster, kind).inNamespace(namespace).withName(name).get();
  }

  /** Every object carrying the coordinator's label on one cluster, as {@code Kind namespace/name}, sorted. */
  TreeSet<String> labelled(String cluster) {
    TreeSet<String> out = new TreeSet<>();
    for (ResourceKind kind : ResourceKind.values()) {
      for (GenericKubernetesResource object :
          op(cluster, kind).inAnyNamespace().withLabels(Ownership.anyMigration()).list().getItems()) {
        out.add(kind.kind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
      }
    }
    return out;
  }

  /** Every object of the kinds the coordinator touches, with its resource version: any write shows up here. */
  Map<String, String> everything(String cluster) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (ResourceKind kind : ResourceKind.values()) {
      for (GenericKubernetesResource object : op(cluster, kind).inAnyNamespace().list().getItems()) {
        out.put(kind.kind() + " " + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName(),
            object.getMetadata().getResourceVersion());
      }
    }
    return out;
  }

  io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
      io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
      io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> op(String cluster, ResourceKind kind) {
    return client(cluster).genericKubernetesResources(kind.context());
  }

  private static ResourceKind kindOf(GenericKubernetesResource object) {
    for (ResourceKind kind : ResourceKind.values()) {
      if (kind.kind().equals(object.getKind()) && kind.apiVersion().equals(object.getApiVersion())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("fixture object of unknown kind " + object.getApiVersion() + "/"
        + object.getKind());
  }
}
