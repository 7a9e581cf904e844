package io.openpe.migration.config;

import io.openpe.migration.dispatch.DispatcherConfig;
import io.openpe.migration.fabric.FabricConfig;
import io.openpe.migration.kube.CoordinatorConfig;
import io.openpe.migration.store.SagaConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Stops the start, before any other startup work (clients, decider, dispatcher), when a key breaks its rule. */
@ApplicationScoped
public class ConfigurationAtStart {

  void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
      MigrationCoordinatorConfig.Cluster cluster, MigrationCoordinatorConfig.Kafka kafka,
      CoordinatorConfig coordinator, FabricConfig fabric, SagaConfig saga, DispatcherConfig dispatcher) {
    MigrationCoordinatorConfig.check(cluster, kafka, coordinator, fabric, saga, dispatcher).requireNoProblems();
  }
}
