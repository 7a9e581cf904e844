package io.openpe.migration.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every cluster the coordinator migrates between, by name, one fabric8 client each. */
public final class Clusters implements AutoCloseable {
  private final Map<String, Cluster> byName;

  public Clusters(List<Cluster> clusters) {
    Map<String, Cluster> map = new TreeMap<>();
    for (Cluster cluster : clusters) {
      if (map.put(cluster.name(), cluster) != null) {
        throw new IllegalArgumentException("cluster " + cluster.name() + " is configured twice");
      }
    }
    this.byName = Collections.unmodifiableMap(map);
  }

  /** Where one cluster's API server is: a kubeconfig file and, optionally, a context in it (else its current one). */
  public record Access(Path kubeconfig, String context) {
  }

  /**
   * One client per cluster from kubeconfig files and contexts.
   *
   * @throws IllegalArgumentException naming the cluster and the key when a file or context is missing
   */
  public static Clusters fromKubeconfigs(Map<String, Access> access) {
    List<Cluster> clusters = new ArrayList<>();
    for (Map.Entry<String, Access> entry : new LinkedHashMap<>(access).entrySet()) {
      String cluster = entry.getKey();
      Access where = entry.getValue();
      if (!Files.isReadable(where.kubeconfig())) {
        throw new IllegalArgumentException("openpe.migration.clusters." + cluster + ".kubeconfig: cannot read "
            + where.kubeconfig());
      }
      Config config;
      try {
        config = where.context() == null || where.context().isBlank()
            ? Config.fromKubeconfig(where.kubeconfig().toFile())
            : Config.fromKubeconfig(where.context(), where.kubeconfig().toFile());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("openpe.migration.clusters." + cluster + ": kubeconfig "
            + where.kubeconfig() + (where.context() == null ? "" : " context " + where.context()) + ": "
            + e.getMessage(), e);
      }
      boolean contextFound = where.context() == null || where.context().isBlank()
          || (config.getCurrentContext() != null && where.context().equals(config.getCurrentContext().getName()));
      if (!contextFound || config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
        throw new IllegalArgumentException("openpe.migration.clusters." + cluster + ".context: no context "
            + where.context() + " with a server in " + where.kubeconfig());
      }
      // One retry inside a request at most: the saga owns retries, with deadlines, and a step must report an
      // unreachable API server within seconds instead of backing off for minutes (fabric8 defaults to 10 retries).
      config.setRequestRetryBackoffLimit(1);
      clusters.add(new Cluster(cluster, new KubernetesClientBuilder().withConfig(config).build()));
    }
    return new Clusters(clusters);
  }

  /** @throws IllegalArgumentException naming the cluster when it is not configured */
  public Cluster get(String name) {
    Cluster cluster = byName.get(name);
    if (cluster == null) {
      throw new IllegalArgumentException("cluster " + name + " is not configured (known: " + byName.keySet() + ")");
    }
    return cluster;
  }

  /** Names in order; the migration network's address split is over all of them. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  @Override
  public void close() {
    byName.values().forEach(Cluster::close);
  }
}
