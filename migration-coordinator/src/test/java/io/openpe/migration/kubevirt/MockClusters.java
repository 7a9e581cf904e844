package io.openpe.migration.kubevirt;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.kube.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two clusters, as in seed 003 ({@code pe-kind-a} and {@code pe-kind-b}), each a fabric8 mock API server in CRUD mode,
 * started once per test JVM and cleared between tests. The code under test reaches them the production way: through
 * a kubeconfig file with one context per cluster.
 */
public final class MockClusters {
  public static final String A = "pe-kind-a";
  public static final String B = "pe-kind-b";
  /**
   * intent-service's generated CRD, so L2VNIs are validated against the real schema's shape. From the repository root
   * given as {@code openpe.root} (it/e2e runs elsewhere), else from this module's directory.
   */
  private static final Path L2VNI_CRD = Path.of(System.getProperty("openpe.root", ".."), "k8s", "crds",
      "l2vnis.openpe.openperouter.github.io-v1.yml");

  private static MockClusters shared;

  private final Map<String, MockCluster> byName = new LinkedHashMap<>();
  private final Path kubeconfig;
  private final Clusters clusters;

  private MockClusters() {
    byName.put(A, new MockCluster(A));
    byName.put(B, new MockCluster(B));
    try {
      kubeconfig = Files.createTempFile("openpe-mc-kubeconfig", ".yaml");
      Files.writeString(kubeconfig, kubeconfig());
      kubeconfig.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Clusters.Access> access = new LinkedHashMap<>();
    byName.keySet().forEach(name -> access.put(name, new Clusters.Access(kubeconfig, name)));
    clusters = Clusters.fromKubeconfigs(access);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      clusters.close();
      byName.values().forEach(MockCluster::close);
    }));
  }

  /** The JVM's two clusters, emptied, running, with the CRDs installed. */
  public static synchronized MockClusters fresh() {
    if (shared == null) {
      shared = new MockClusters();
    }
    shared.reset();
    return shared;
  }

  public MockCluster cluster(String name) {
    return byName.get(name);
  }

  public List<MockCluster> all() {
    return List.copyOf(byName.values());
  }

  /** What the code under test uses: built from the kubeconfig, one context per cluster. */
  public Clusters clusters() {
    return clusters;
  }

  public Path kubeconfigPath() {
    return kubeconfig;
  }

  private void reset() {
    for (MockCluster cluster : byName.values()) {
      cluster.start();
      cluster.clear();
      installCrds(cluster.client());
    }
  }

  private static void installCrds(KubernetesClient client) {
    for (ResourceKind kind : List.of(ResourceKind.VIRTUAL_MACHINE, ResourceKind.VIRTUAL_MACHINE_INSTANCE,
        ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION, ResourceKind.KUBEVIRT)) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd(kind, true)).create();
    }
    client.apiextensions().v1().customResourceDefinitions()
        .resource(crd(ResourceKind.NETWORK_ATTACHMENT_DEFINITION, false)).create();
    try (InputStream in = Files.newInputStream(L2VNI_CRD)) {
      client.apiextensions().v1().customResourceDefinitions()
          .resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
    } catch (IOException e) {
      throw new UncheckedIOException("intent-service's L2VNI CRD must be at " + L2VNI_CRD.toAbsolutePath(), e);
    }
  }

  /** Registration only (names, scope, status subresource), with an open schema: no copy of KubeVirt's types. */
  private static CustomResourceDefinition crd(ResourceKind kind, boolean statusSubresource) {
    var version = new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder()
        .withName(kind.version()).withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema().endSchema();
    if (statusSubresource) {
      version.withNewSubresources().withNewStatus().endStatus().endSubresources();
    }
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(kind.plural() + "." + kind.group()).endMetadata()
        .withNewSpec()
        .withGroup(kind.group())
        .withScope("Namespaced")
        .withNewNames().withKind(kind.kind()).withPlural(kind.plural()).endNames()
        .withVersions(version.build())
        .endSpec()
        .build();
  }

  private String kubeconfig() {
    StringBuilder out = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
    byName.forEach((name, cluster) -> out.append("- name: ").append(name).append("\n  cluster:\n    server: ")
        .append(cluster.url()).append("\n"));
    out.append("users:\n- name: tester\n  user:\n    token: not-checked\ncontexts:\n");
    byName.keySet().forEach(name -> out.append("- name: ").append(name).append("\n  context:\n    cluster: ")
        .append(name).append("\n    user: tester\n    namespace: default\n"));
    out.append("current-context: ").append(A).append("\n");
    return out.toString();
  }
}
