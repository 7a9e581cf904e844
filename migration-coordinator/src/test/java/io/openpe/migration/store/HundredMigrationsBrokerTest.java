package io.openpe.migration.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.testkit.kafka.KafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * 100 migrations at once through the decider on a real broker, answered at once by the test (a dispatcher with no
 * cluster delay): every one succeeds with exactly one command per step. Prints the decider's figures
 * (docs/benchmarks/migration-coordinator.md).
 */
class HundredMigrationsBrokerTest {
  private static final int MIGRATIONS = 100;

  @Test
  void hundredConcurrentMigrationsEachSendEveryCommandOnce() throws Exception {
    try (KafkaBroker broker = KafkaBroker.start()) {
      broker.createOpenpeTopics();
      KafkaStreams decider = SagaDeciderBrokerTestSupport.start(broker, "saga-hundred");
      try (SagaTopics topics = new SagaTopics(broker.bootstrapServers())) {
        Map<String, MigrationRequest> requests = new HashMap<>();
        long begin = System.nanoTime();
        for (int i = 0; i < MIGRATIONS; i++) {
          MigrationRequest request = new MigrationRequest("bench-" + i, "vms", "vm-" + i, "cluster-a", "cluster-b",
              "", "migration", Duration.ZERO);
          requests.put(request.migrationId(), request);
          topics.start(request);
        }
        Set<String> answered = new HashSet<>();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
          topics.poll();
          for (MigrationCommand command : List.copyOf(topics.commands)) {
            if (answered.add(command.getId())) {
              topics.answer(command, new Outcome.Observed(observation(command.getStep())));
            }
          }
          return topics.snapshots.stream().filter(s -> s.getPhase() == Phase.PHASE_SUCCEEDED)
              .map(MigrationSnapshot::getMigrationId).distinct().count() == MIGRATIONS;
        });
        long elapsed = System.nanoTime() - begin;

        for (String id : requests.keySet()) {
          assertEquals(10, topics.commandsOf(id).size(), id);
        }
        long decisions = topics.commands.size() + MIGRATIONS;
        System.out.printf("hundred migrations: %d decisions in %d ms, %.0f decisions/s, %.1f ms per migration "
            + "end to end (all concurrent)%n", decisions, elapsed / 1_000_000, decisions * 1e9 / elapsed,
            elapsed / 1e6 / MIGRATIONS);
      } finally {
        SagaDeciderBrokerTest.stopDecider(decider);
      }
    }
  }

  private static Observation observation(String step) {
    return switch (step) {
      case "pre-checks" -> new Observation.PreChecked(List.of());
      case "fabric-baseline" -> new Observation.MacLocated("cluster-a", "100.65.0.1", 0, false);
      case "sync-address" -> new Observation.SyncAddressRead("10.0.0.1:9185");
      case "migrating" -> new Observation.Phases(Observation.Progress.PIVOTED, "Succeeded");
      case "verify-routes" -> new Observation.MacLocated("cluster-b", "100.65.0.9", 1, false);
      default -> new Observation.Done("ok");
    };
  }
}
