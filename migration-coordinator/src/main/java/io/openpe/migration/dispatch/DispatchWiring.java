package io.openpe.migration.dispatch;

import io.openpe.migration.kube.Clusters;
import io.openpe.migration.network.MigrationNetworks;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.step.Steps;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI: the executors over the configured clusters, and a MAC locator when no route-service is configured. */
public class DispatchWiring {

  @Produces
  @Singleton
  StepRunner runner(Clusters clusters, MigrationNetworks networks, MacLocator macs) {
    return new StepRunner(Steps.on(clusters), networks, macs);
  }

  /**
   * Without route-service the fabric cannot be asked: the MAC is never seen, so verification runs into its deadline
   * and the saga completes with a warning (the move itself is KubeVirt's and not in doubt).
   */
  @Produces
  @Singleton
  @DefaultBean
  MacLocator noRouteService() {
    return migration -> new Outcome.Observed(Observation.MacLocated.nowhere());
  }
}
