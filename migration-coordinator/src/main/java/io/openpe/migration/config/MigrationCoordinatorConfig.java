package io.openpe.migration.config;

import io.openpe.migration.dispatch.DispatcherConfig;
import io.openpe.migration.fabric.FabricConfig;
import io.openpe.migration.kube.ClusterClients;
import io.openpe.migration.kube.CoordinatorConfig;
import io.openpe.migration.saga.Step;
import io.openpe.migration.store.SagaConfig;
import io.openpe.rules.ConfigurationCheck;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys migration-coordinator shares with the other services ({@code openpe.cluster}, the broker list), and the
 * check of all its keys at start: the {@code openpe.migration.*} groups are mapped beside the code that reads them
 * ({@link CoordinatorConfig}, {@link FabricConfig}, {@link SagaConfig}, {@link DispatcherConfig}). No {@code kafka}
 * root is mapped: Kafka's own {@code kafka.*} and {@code kafka-streams.*} keys go to the clients as they are.
 */
public interface MigrationCoordinatorConfig {

  /** This coordinator's cluster: part of its Kafka Streams application id and of its consumer group. */
  @ConfigMapping(prefix = "openpe.cluster")
  interface Cluster {
    @WithParentName
    String name();
  }

  @ConfigMapping(prefix = "kafka.bootstrap")
  interface Kafka {
    @WithName("servers")
    String bootstrapServers();
  }

  List<String> STEPS = Stream.of(Step.values()).map(Step::label).toList();

  /** {@code <step>:before} or {@code <step>:after}, the fault-injection points of the dispatcher. */
  List<String> PAUSE_POINTS = Stream.of(Step.values())
      .flatMap(step -> Stream.of(step.label() + ":before", step.label() + ":after")).toList();

  /** Every rule the keys break, with key, value and reason. */
  static ConfigurationCheck check(Cluster cluster, Kafka kafka, CoordinatorConfig coordinator, FabricConfig fabric,
      SagaConfig saga, DispatcherConfig dispatcher) {
    ConfigurationCheck check = new ConfigurationCheck()
        .notBlank("openpe.cluster", cluster.name())
        .notBlank("kafka.bootstrap.servers", kafka.bootstrapServers());
    coordinator.clusters().forEach((name, access) ->
        check.notBlank("openpe.migration.clusters." + name + ".kubeconfig", access.kubeconfig()));
    coordinator.networks().forEach((name, settings) -> check.check("openpe.migration.networks." + name,
        settings.vni() + "/" + settings.vrf() + "/" + settings.gateway(),
        network -> ClusterClients.network(settings, coordinator.underlayMtu())));
    fabric.routeService().ifPresent(address -> check.notBlank("openpe.migration.route-service", address));
    check.positive("openpe.migration.route-service-watch", fabric.routeServiceWatch())
        .check("openpe.migration.route-service-watch", fabric.routeServiceWatch(), watch -> {
          if (watch.compareTo(saga.resultTimeout()) >= 0) {
            throw new IllegalArgumentException("must be below openpe.migration.saga.result-timeout ("
                + saga.resultTimeout() + "), or every verify command is sent again while it watches");
          }
        })
        .positive("openpe.migration.saga.migration-deadline", saga.migrationDeadline())
        .positive("openpe.migration.saga.result-timeout", saga.resultTimeout())
        .positive("openpe.migration.saga.retry-backoff", saga.retryBackoff())
        .positive("openpe.migration.saga.poll-interval", saga.pollInterval())
        .positive("openpe.migration.saga.tick", saga.tick());
    saga.deadline().forEach((label, deadline) -> {
      String key = "openpe.migration.saga.deadline." + label;
      check.check(key, deadline, d -> {
        if (!STEPS.contains(label)) {
          throw new IllegalArgumentException("no such step; the steps are " + String.join(", ", STEPS));
        }
      }).positive(key, deadline);
    });
    dispatcher.pauseAt().ifPresent(point -> check.oneOf("openpe.migration.dispatcher.pause-at", point,
        PAUSE_POINTS));
    return check;
  }
}
