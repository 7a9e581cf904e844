package io.openpe.migration.fabric;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.openpe.migration.dispatch.MacLocator;
import io.openpe.migration.kube.Clusters;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.step.ReadVmOnFabric;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** CDI: route-service's MAC locator when {@code openpe.migration.route-service} is set, else "never seen". */
@Singleton
public class FabricWiring {
  private static final Logger LOG = Logger.getLogger(FabricWiring.class);
  private ManagedChannel channel;

  @Produces
  @Singleton
  MacLocator macLocator(FabricConfig config, Clusters clusters) {
    if (config.routeService().isEmpty()) {
      LOG.info("no openpe.migration.route-service: MAC locations are not checked, verification ends in a warning");
      return migration -> new Outcome.Observed(Observation.MacLocated.nowhere());
    }
    channel = ManagedChannelBuilder.forTarget(config.routeService().get()).usePlaintext().build();
    LOG.infof("MAC locations from route-service at %s (watch %s per verify)", config.routeService().get(),
        config.routeServiceWatch());
    return new RouteServiceMacLocator(new ReadVmOnFabric(clusters), channel, config.routeServiceWatch());
  }

  @PreDestroy
  void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
