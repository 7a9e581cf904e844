package io.openpe.migration.dispatch;

import io.openpe.migration.kube.Clusters;
import io.openpe.migration.network.MigrationNetworks;
import io.openpe.migration.step.Steps;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI: the executors over the configured clusters; the MAC locator comes from {@code fabric.FabricWiring}. */
public class DispatchWiring {

  @Produces
  @Singleton
  StepRunner runner(Clusters clusters, MigrationNetworks networks, MacLocator macs) {
    return new StepRunner(Steps.on(clusters), networks, macs);
  }
}
