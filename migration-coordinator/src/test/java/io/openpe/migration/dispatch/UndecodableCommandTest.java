package io.openpe.migration.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.saga.Step;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.migration.v1.MigrationInput;
import io.openpe.migration.v1.StartMigration;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: garbage bytes on {@code openpe.migration-commands} do not stop the dispatcher (before, the deserializer's
 * exception ended its thread for good): the record is skipped and counted once, the next command on the topic runs
 * and its result reaches {@code openpe.migration-inputs}, and the coordinator stays ready.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class UndecodableCommandTest {

  @Inject
  CommandLoop loop;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void garbageIsSkippedCountedOnceAndTheNextCommandRuns() throws Exception {
    long before = loop.skipped();
    String commandId = "garbage-cmd-" + UUID.randomUUID();
    MigrationCommand good = MigrationCommand.newBuilder().setId(commandId).setStep(Step.PRE_CHECKS.label())
        .setAttempt(1).setRequest(StartMigration.newBuilder().setMigrationId("garbage-cmd").setVmName("vm-g")
            .setSource(ClusterRef.newBuilder().setName("cluster-a").setNamespace("vms"))
            .setTarget(ClusterRef.newBuilder().setName("cluster-b").setNamespace("vms"))
            .setMigrationNetwork("migration"))
        .build();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.MIGRATION_COMMANDS, "garbage-cmd", new byte[] {0x0a, 0x7f, 0x01}))
          .get();
      producer.send(new ProducerRecord<>(Topics.MIGRATION_COMMANDS, "garbage-cmd", good.toByteArray())).get();
    }

    MigrationInput result = awaitResult(commandId);
    assertEquals("garbage-cmd", result.getMigrationId());
    assertEquals(before + 1, loop.skipped());

    // Ready once the decider runs: the dispatcher is a group of its own and may answer before the decider's first
    // rebalance is over (seen: the result 5 s before RUNNING on a loaded machine), so ready is waited for, not sampled.
    HttpResponse<String> health = Awaitility.await("ready after the skipped record").atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).GET().build(),
            HttpResponse.BodyHandlers.ofString()), response -> response.statusCode() == 200);
    assertTrue(health.body().contains("\"status\": \"UP\""), health.body());
    assertEquals(before + 1, loop.skipped(), "counted once, also after the decider came up");
  }

  /** The dispatcher's result for {@code commandId} on openpe.migration-inputs, read from the topic's start. */
  private MigrationInput awaitResult(String commandId) {
    try (var inputs = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "undecodable-command-test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      inputs.subscribe(List.of(Topics.MIGRATION_INPUTS));
      return Awaitility.await("the result of the command after the garbage").atMost(Duration.ofSeconds(60))
          .until(() -> {
            for (ConsumerRecord<String, byte[]> record : inputs.poll(Duration.ofMillis(500))) {
              MigrationInput input = MigrationInput.parseFrom(record.value());
              if (input.hasResult() && input.getResult().getCommandId().equals(commandId)) {
                return Optional.of(input);
              }
            }
            return Optional.<MigrationInput>empty();
          }, Optional::isPresent).orElseThrow();
    }
  }
}
