package io.openpe.migration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.v1.CancelRequest;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.GetRequest;
import io.openpe.migration.v1.ListRequest;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.migration.store.DeciderReadiness;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.InjectKafkaBroker;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MigrationService while its broker is stopped: reads answer from the view, Start and Cancel answer UNAVAILABLE with
 * RetryInfo (not a blocked call) and write nothing; after the broker is back the same calls succeed.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestProfile(MigrationApiTest.NoDispatcher.class)
class MigrationKafkaOutageTest {

  @GrpcClient("migration")
  MigrationServiceGrpc.MigrationServiceBlockingStub migrations;

  @InjectKafkaBroker
  KafkaBroker broker;

  @Inject
  MigrationView view;

  @Inject
  @Readiness
  DeciderReadiness decider;

  /** Calls before the decider runs answer UNAVAILABLE (StartBeforeReadyTest); these tests start once it is ready. */
  @BeforeEach
  void coordinatorReady() {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> view.caughtUp() && decider.notDeciding().isEmpty());
  }

  private static StartRequest start(String id, String vm) {
    return StartRequest.newBuilder().setMigration(StartMigration.newBuilder().setMigrationId(id).setVmName(vm)
        .setSource(ClusterRef.newBuilder().setName("cluster-a").setNamespace("vms"))
        .setTarget(ClusterRef.newBuilder().setName("cluster-b").setNamespace("vms"))
        .setMigrationNetwork("migration")).build();
  }

  @Test
  void readsAnswerWritesAreUnavailableAndWriteNothingUntilTheBrokerIsBack() throws Exception {
    assertEquals(Phase.PHASE_PRE_CHECKS, migrations.start(start("outage-1", "vm-outage-1")).getMigration()
        .getPhase());

    broker.stop();
    StatusRuntimeException refusedStart;
    StatusRuntimeException refusedCancel;
    try {
      assertEquals(Phase.PHASE_PRE_CHECKS, migrations.get(GetRequest.newBuilder().setMigrationId("outage-1").build())
          .getMigration().getPhase());
      assertTrue(migrations.list(ListRequest.getDefaultInstance()).getMigrationsList().stream()
          .anyMatch(m -> m.getMigrationId().equals("outage-1")));
      refusedStart = assertThrows(StatusRuntimeException.class,
          () -> migrations.start(start("outage-2", "vm-outage-2")));
      refusedCancel = assertThrows(StatusRuntimeException.class, () -> migrations.cancel(CancelRequest.newBuilder()
          .setMigrationId("outage-1").setReason("outage").build()));
      assertEquals(Phase.PHASE_PRE_CHECKS, migrations.get(GetRequest.newBuilder().setMigrationId("outage-1").build())
          .getMigration().getPhase(), "the refused cancel changed nothing");
    } finally {
      broker.startAgain();
    }
    assertEquals(Status.Code.UNAVAILABLE, refusedStart.getStatus().getCode(), refusedStart.toString());
    assertEquals(Optional.of(MigrationGrpcService.WRITE_WITHIN), GrpcErrors.retryAfter(refusedStart));
    assertEquals(Status.Code.UNAVAILABLE, refusedCancel.getStatus().getCode(), refusedCancel.toString());

    MigrationSnapshot retried = migrations.start(start("outage-2", "vm-outage-2")).getMigration();
    assertEquals("outage-2", retried.getMigrationId());
    assertEquals(Phase.PHASE_CANCELLED, migrations.cancel(CancelRequest.newBuilder().setMigrationId("outage-1")
        .setReason("after the outage").build()).getMigration().getPhase());
    assertEquals(List.of("cluster-a/vms/vm-outage-1", "cluster-a/vms/vm-outage-1", "cluster-a/vms/vm-outage-2"),
        inputKeys().stream().filter(k -> k.contains("vm-outage")).sorted().toList(),
        "one start and one cancel of outage-1, one start of outage-2: the refused calls wrote nothing");
  }

  private List<String> inputKeys() {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
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
