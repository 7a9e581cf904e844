package io.openpe.migration.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openpe.migration.kubevirt.MockClusters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One client per kubeconfig context, each reaching its own API server; bad configuration names its key. */
class ClustersKubeTest {
  private final MockClusters mock = MockClusters.fresh();

  @Test
  void eachContextReachesItsOwnCluster() {
    Clusters clusters = mock.clusters();
    Created created = clusters.get(MockClusters.A).create(ResourceKind.VIRTUAL_MACHINE, vm(), "m-1");

    assertEquals(List.of(MockClusters.A, MockClusters.B), clusters.names());
    assertTrue(created.now());
    assertEquals(1, mock.cluster(MockClusters.A).client().genericKubernetesResources(
        ResourceKind.VIRTUAL_MACHINE.context()).inAnyNamespace().list().getItems().size());
    assertEquals(0, mock.cluster(MockClusters.B).client().genericKubernetesResources(
        ResourceKind.VIRTUAL_MACHINE.context()).inAnyNamespace().list().getItems().size());
  }

  @Test
  void createIs409ThenReadThenOursOrForeign() {
    Cluster a = mock.clusters().get(MockClusters.A);
    a.create(ResourceKind.VIRTUAL_MACHINE, vm(), "m-1");

    Created again = a.create(ResourceKind.VIRTUAL_MACHINE, vm(), "m-1");
    ForeignObject foreign = assertThrows(ForeignObject.class,
        () -> a.create(ResourceKind.VIRTUAL_MACHINE, vm(), "m-2"));

    assertEquals(false, again.now());
    assertEquals("m-1", foreign.owner());
    assertEquals(Removal.State.NOT_OURS, a.delete(ResourceKind.VIRTUAL_MACHINE, "default", "vm-1", "m-2").state());
    assertEquals(Removal.State.ABSENT, a.delete(ResourceKind.VIRTUAL_MACHINE, "default", "vm-1", "m-1").state());
    assertEquals(Removal.State.ABSENT, a.delete(ResourceKind.VIRTUAL_MACHINE, "default", "vm-1", "m-1").state());
  }

  @Test
  void aStoppedApiServerIsUnreachable() {
    mock.cluster(MockClusters.B).stop();

    ClusterUnreachable e = assertThrows(ClusterUnreachable.class,
        () -> mock.clusters().get(MockClusters.B).read(ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"));

    assertEquals(MockClusters.B, e.cluster());
  }

  @Test
  void anUnknownContextNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Clusters.fromKubeconfigs(
        Map.of("c", new Clusters.Access(mock.kubeconfigPath(), "no-such-context"))));

    assertTrue(e.getMessage().startsWith("openpe.migration.clusters.c"), e.getMessage());
  }

  @Test
  void aMissingFileNamesTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Clusters.fromKubeconfigs(
        Map.of("c", new Clusters.Access(Path.of("/nonexistent/kubeconfig"), null))));

    assertTrue(e.getMessage().startsWith("openpe.migration.clusters.c.kubeconfig"), e.getMessage());
  }

  @Test
  void migrationNamesParseBack() {
    assertEquals("cross-cluster-demo",
        MigrationNames.migrationIdOf(MigrationNames.targetMigration("cross-cluster-demo")).orElseThrow());
    assertEquals("a", MigrationNames.migrationIdOf(MigrationNames.sourceMigration("a")).orElseThrow());
    assertTrue(MigrationNames.migrationIdOf("vm-1").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> MigrationNames.requireValidId("Upper"));
  }

  private static GenericKubernetesResource vm() {
    GenericKubernetesResource vm = new GenericKubernetesResource();
    vm.setMetadata(new ObjectMetaBuilder().withName("vm-1").withNamespace("default").build());
    vm.setAdditionalProperty("spec", Map.of("runStrategy", "Halted"));
    return vm;
  }
}
