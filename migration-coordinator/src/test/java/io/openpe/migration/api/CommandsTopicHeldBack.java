package io.openpe.migration.api;

import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A broker with every openpe topic but {@code openpe.migration-commands}: Quarkus starts the decider only once all of
 * its topics exist, so the coordinator runs (gRPC up, view reading) with the decider held before its start until the
 * test calls {@link #release()}.
 */
public class CommandsTopicHeldBack implements QuarkusTestResourceLifecycleManager {

  private static volatile KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(Topics.ALL.stream().filter(t -> !t.name().equals(Topics.MIGRATION_COMMANDS))
          .map(t -> new NewTopic(t.name(), 1, (short) 1).configs(t.configs())).toList()).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("could not create the topics", e);
    }
    return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
  }

  /** Creates the held-back topic: the decider starts. */
  static void release() {
    broker.createOpenpeTopics();
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
