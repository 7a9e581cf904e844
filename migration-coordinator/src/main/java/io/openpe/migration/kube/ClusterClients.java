package io.openpe.migration.kube;

import io.openpe.migration.network.MigrationL2Vni;
import io.openpe.migration.network.MigrationNetwork;
import io.openpe.migration.network.MigrationNetworks;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CDI: one {@link Cluster} per configured kubeconfig context, and the configured migration networks. */
public class ClusterClients {

  @Produces
  @Singleton
  Clusters clusters(CoordinatorConfig config) {
    Map<String, Clusters.Access> access = new LinkedHashMap<>();
    config.clusters().forEach((name, cluster) ->
        access.put(name, new Clusters.Access(Path.of(cluster.kubeconfig()), cluster.context().orElse(null))));
    return Clusters.fromKubeconfigs(access);
  }

  void close(@Disposes Clusters clusters) {
    clusters.close();
  }

  @Produces
  @Singleton
  MigrationNetworks networks(CoordinatorConfig config) {
    Map<String, MigrationNetwork> networks = new LinkedHashMap<>();
    config.networks().forEach((name, settings) -> {
      try {
        networks.put(name, network(settings, config.underlayMtu()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("openpe.migration.networks." + name + ": " + e.getMessage(), e);
      }
    });
    return new MigrationNetworks(networks);
  }

  /** One configured network; its rules (VNI, VRF, gateway, MTU) are the ones MigrationNetwork holds it to. */
  public static MigrationNetwork network(CoordinatorConfig.NetworkSettings settings, int underlayMtu) {
    return new MigrationNetwork(new MigrationL2Vni(settings.l2vniName(), settings.l2vniNamespace(), settings.vni(),
        settings.vrf(), settings.gateway()), settings.attachmentName(), settings.attachmentNamespace(), underlayMtu);
  }
}
