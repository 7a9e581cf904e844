package io.openpe.migration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.proto.kafka.Topics;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The start gap: the coordinator's gRPC server answers before its decider runs. A start then is UNAVAILABLE with a
 * retry delay and writes nothing (it used to be written and wait 15 s for a decider that was not there); once the
 * decider runs, the same call starts the migration.
 */
@QuarkusTest
@QuarkusTestResource(value = CommandsTopicHeldBack.class, restrictToAnnotatedClass = true)
@TestProfile(StartBeforeReadyTest.HeldDecider.class)
class StartBeforeReadyTest {

  /** Its own profile, so this class gets its own application (and broker) whatever ran before it. */
  public static class HeldDecider extends MigrationApiTest.NoDispatcher {
  }

  @GrpcClient("migration")
  MigrationServiceGrpc.MigrationServiceBlockingStub migrations;

  @Inject
  MigrationView view;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private static final StartRequest START = StartRequest.newBuilder().setMigration(StartMigration.newBuilder()
      .setMigrationId("early-1").setVmName("vm-early")
      .setSource(ClusterRef.newBuilder().setName("cluster-a").setNamespace("vms"))
      .setTarget(ClusterRef.newBuilder().setName("cluster-b").setNamespace("vms"))
      .setMigrationNetwork("migration")).build();

  @Test
  void aStartBeforeTheDeciderRunsIsUnavailableWithRetryInfoAndWritesNothing() {
    // The view has nothing to wait for on an empty topic; the decider waits for its held-back topic.
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(view::caughtUp);

    StatusRuntimeException early = assertThrows(StatusRuntimeException.class, () -> migrations.start(START));
    assertEquals(Status.Code.UNAVAILABLE, early.getStatus().getCode(), early.toString());
    assertEquals(Optional.of(MigrationGrpcService.NOT_READY_RETRY), GrpcErrors.retryAfter(early));
    assertTrue(early.getStatus().getDescription().contains("the saga decider is not running yet"),
        early.getStatus().getDescription());
    assertEquals(List.of(), inputKeys(), "the refused start wrote no input");

    CommandsTopicHeldBack.release();
    MigrationSnapshot started = Awaitility.await().atMost(Duration.ofSeconds(60))
        .pollInterval(MigrationGrpcService.NOT_READY_RETRY)
        .until(() -> {
          try {
            return Optional.of(migrations.start(START).getMigration());
          } catch (StatusRuntimeException e) {
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
            return Optional.<MigrationSnapshot>empty();
          }
        }, Optional::isPresent).orElseThrow();
    assertEquals(Phase.PHASE_PRE_CHECKS, started.getPhase());
    assertEquals(List.of("cluster-a/vms/vm-early"), inputKeys(), "one input: the one of the accepted start");
  }

  private List<String> inputKeys() {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.MIGRATION_INPUTS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<String> keys = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
      }
      return keys;
    }
  }
}
