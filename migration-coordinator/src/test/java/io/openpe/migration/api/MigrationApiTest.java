package io.openpe.migration.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.v1.CancelRequest;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.EventKind;
import io.openpe.migration.v1.GetRequest;
import io.openpe.migration.v1.ListRequest;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.migration.v1.WatchRequest;
import io.openpe.migration.v1.WatchResponse;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.migration.store.DeciderReadiness;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MigrationService over a real gRPC channel, with the decider on a real broker. The dispatcher is off, so no command
 * gets an answer and every migration stays in pre-checks until cancelled.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(MigrationApiTest.NoDispatcher.class)
class MigrationApiTest {

  public static class NoDispatcher implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("openpe.migration.dispatcher.enabled", "false");
    }
  }

  @GrpcClient("migration")
  MigrationServiceGrpc.MigrationServiceBlockingStub migrations;

  private static StartRequest start(String id, String vm) {
    return StartRequest.newBuilder().setMigration(StartMigration.newBuilder().setMigrationId(id).setVmName(vm)
        .setSource(ClusterRef.newBuilder().setName("cluster-a").setNamespace("vms"))
        .setTarget(ClusterRef.newBuilder().setName("cluster-b").setNamespace("vms"))
        .setMigrationNetwork("migration")).build();
  }

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

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  /**
   * Issue 10: garbage bytes on openpe.migrations do not stop the API's view (which used to re-read the topic from the
   * start after every failure and meet the record again): skipped and counted once, the next snapshot is served.
   */
  @Test
  void garbageOnTheSnapshotTopicIsSkippedAndTheNextSnapshotServed() throws Exception {
    long before = view.skipped();
    try (var producer = new KafkaProducer<>(Map.<String, Object>of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.MIGRATIONS, "garbage-api", new byte[] {0x0a, 0x7f, 0x01})).get();
      producer.send(new ProducerRecord<>(Topics.MIGRATIONS, "garbage-api", MigrationSnapshot.newBuilder()
          .setMigrationId("garbage-api").setRevision(1).setPhase(Phase.PHASE_PRE_CHECKS).build().toByteArray())).get();
    }
    MigrationSnapshot served = Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> migrations.get(GetRequest.newBuilder().setMigrationId("garbage-api").build()).getMigration(),
            snapshot -> snapshot.getRevision() == 1);
    assertEquals(Phase.PHASE_PRE_CHECKS, served.getPhase());
    assertEquals(before + 1, view.skipped());
  }

  @Test
  void startGetListCancelAndWatch() {
    MigrationSnapshot started = migrations.start(start("api-1", "vm-api")).getMigration();
    assertEquals(Phase.PHASE_PRE_CHECKS, started.getPhase());
    assertEquals("pre-checks", started.getStep());
    assertTrue(started.hasPhaseDeadline());

    MigrationSnapshot again = migrations.start(start("api-1", "vm-api")).getMigration();
    assertEquals("api-1", again.getMigrationId());
    assertTrue(again.getRevision() <= migrations.get(GetRequest.newBuilder().setMigrationId("api-1")
        .build()).getMigration().getRevision());

    StatusRuntimeException busy = assertThrows(StatusRuntimeException.class,
        () -> migrations.start(start("api-2", "vm-api")));
    assertEquals(Status.Code.FAILED_PRECONDITION, busy.getStatus().getCode());
    assertEquals("VM vms/vm-api on cluster-a is held by migration api-1", busy.getStatus().getDescription());

    assertEquals(List.of("api-1", "api-2"), migrations.list(ListRequest.getDefaultInstance())
        .getMigrationsList().stream().map(MigrationSnapshot::getMigrationId).filter(id -> id.startsWith("api-"))
        .toList());

    Iterator<WatchResponse> watch = migrations.watch(WatchRequest.newBuilder().setMigrationId("api-1")
        .build());
    MigrationEvent first = watch.next().getEvent();
    assertEquals(EventKind.EVENT_KIND_SNAPSHOT, first.getKind());
    assertEquals(Phase.PHASE_PRE_CHECKS, first.getPhase());

    MigrationSnapshot cancelled = migrations.cancel(CancelRequest.newBuilder().setMigrationId("api-1")
        .setReason("operator").build()).getMigration();
    assertEquals(Phase.PHASE_CANCELLED, cancelled.getPhase());
    assertEquals("cancelled: operator", cancelled.getFailureReason());

    List<EventKind> kinds = new ArrayList<>();
    watch.forEachRemaining(update -> kinds.add(update.getEvent().getKind()));
    assertEquals(List.of(EventKind.EVENT_KIND_COMPENSATING, EventKind.EVENT_KIND_CANCELLED), kinds);
  }

  @Test
  void theMigrateCommandStartsFollowsAndCancelsAgainstTheRunningCoordinator() throws Exception {
    String coordinator = "localhost:" + org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("quarkus.grpc.server.test-port", Integer.class);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int started = io.openpe.migration.cli.MigrateCommand.run(List.of("start", "--id", "cli-1", "--vm", "vms/vm-cli",
        "--from", "cluster-a", "--to", "cluster-b", "--coordinator", coordinator), new java.io.PrintStream(out),
        new java.io.PrintStream(err));
    assertEquals(0, started, err.toString());
    assertTrue(out.toString().startsWith("cli-1  pre-checks  pre-checks#"), out.toString());

    java.util.concurrent.CompletableFuture<Integer> follow = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> io.openpe.migration.cli.MigrateCommand.run(List.of("follow", "cli-1", "--coordinator", coordinator),
            new java.io.PrintStream(out), new java.io.PrintStream(err)));
    int cancelled = io.openpe.migration.cli.MigrateCommand.run(List.of("cancel", "cli-1", "--coordinator",
        coordinator), new java.io.PrintStream(out), new java.io.PrintStream(err));
    assertEquals(0, cancelled, err.toString());
    assertEquals(1, follow.get(60, java.util.concurrent.TimeUnit.SECONDS), "a cancelled migration exits 1");
    assertTrue(out.toString().contains("cancelled  -  CANCELLED  cancelled: cancelled by an operator"),
        out.toString());
  }

  @Test
  void migrateHelpAndUsageErrors() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    assertEquals(0, io.openpe.migration.cli.MigrateCommand.run(List.of("--help"), new java.io.PrintStream(out),
        new java.io.PrintStream(err)));
    assertTrue(out.toString().startsWith("Usage: migrate <command>"), out.toString());
    assertEquals(2, io.openpe.migration.cli.MigrateCommand.run(List.of("start", "--id", "x"),
        new java.io.PrintStream(out), new java.io.PrintStream(err)));
    assertTrue(err.toString().contains("--vm is required"), err.toString());
  }

  @Test
  void unknownMigrationsAndInvalidStartsAreRefusedWithAReason() {
    StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
        () -> migrations.get(GetRequest.newBuilder().setMigrationId("nope").build()));
    assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
        () -> migrations.start(StartRequest.newBuilder().setMigration(StartMigration.newBuilder()
            .setMigrationId("bad")).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    assertEquals(List.of(
        new GrpcErrors.Violation("migration.source.namespace", "vm namespace must be set"),
        new GrpcErrors.Violation("migration.vm_name", "vm name must be set"),
        new GrpcErrors.Violation("migration.source.name", "source cluster must be set"),
        new GrpcErrors.Violation("migration.target.name", "target cluster must be set")),
        GrpcErrors.violations(invalid));
    StatusRuntimeException noId = assertThrows(StatusRuntimeException.class,
        () -> migrations.get(GetRequest.getDefaultInstance()));
    assertEquals(Status.Code.INVALID_ARGUMENT, noId.getStatus().getCode(), "no id is not a missing migration");
    assertEquals(List.of(new GrpcErrors.Violation("migration_id", "migration id must be set")),
        GrpcErrors.violations(noId));
  }
}
