package io.openpe.migration.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Observation.MacLocated;
import io.openpe.migration.saga.Observation.Phases;
import io.openpe.migration.saga.Observation.Progress;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.v1.EventKind;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decider topology on a real broker with exactly_once_v2; the test plays the dispatcher. */
class SagaDeciderBrokerTest {
  private static KafkaBroker broker;
  private KafkaStreams decider;
  private SagaTopics topics;

  @BeforeAll
  static void broker() {
    broker = KafkaBroker.start();
    broker.createOpenpeTopics();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void start() throws IOException {
    decider = startDecider();
    topics = new SagaTopics(broker.bootstrapServers());
  }

  @AfterEach
  void stop() {
    topics.close();
    stopDecider(decider);
  }

  /** Leaves the group on close so the next decider gets the partitions at once, not after the session timeout. */
  static void stopDecider(KafkaStreams streams) {
    streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
  }

  static KafkaStreams startDecider() throws IOException {
    return SagaDeciderBrokerTestSupport.start(broker, "saga-decider-test");
  }

  private static MigrationRequest request(String id, String vm) {
    return new MigrationRequest(id, "vms", vm, "cluster-a", "cluster-b", "", "migration", Duration.ZERO);
  }

  @Test
  void happyPathThroughTheBroker() {
    MigrationRequest request = request("happy-1", "vm-happy");
    topics.start(request);
    answer("happy-1:pre-checks:1", new Observation.PreChecked(List.of()));
    answer("happy-1:fabric-baseline:1", new MacLocated("cluster-a", "100.65.0.1", 3, false));
    answer("happy-1:ensure-network:1", new Observation.Done("network"));
    answer("happy-1:receiver-vm:1", new Observation.Done("receiver"));
    answer("happy-1:target-migration:1", new Observation.Done("target vmim"));
    answer("happy-1:sync-address:1", new Observation.SyncAddressRead("10.1.1.10:9185"));
    MigrationCommand source = topics.command("happy-1:source-migration:1");
    assertEquals("10.1.1.10:9185", source.getSyncAddress());
    topics.answer(source, new Outcome.Observed(new Observation.Done("source vmim")));
    answer("happy-1:migrating:1", new Phases(Progress.PIVOTED, "target VMIM Succeeded"));
    MigrationCommand verify = topics.command("happy-1:verify-routes:1");
    assertEquals(3, verify.getBaselineSequence());
    topics.answer(verify, new Outcome.Observed(new MacLocated("cluster-b", "100.65.0.9", 4, false)));
    answer("happy-1:finalize:1", new Observation.Done("finalized"));

    MigrationSnapshot done = topics.snapshot("happy-1", s -> s.getPhase() == Phase.PHASE_SUCCEEDED);
    assertEquals("vm-happy", done.getRequest().getVmName());
    assertEquals(List.of("pre-checks", "fabric-baseline", "ensure-network", "receiver-vm", "target-migration",
        "sync-address", "source-migration", "migrating", "verify-routes", "finalize"),
        topics.commandsOf("happy-1").stream().map(MigrationCommand::getStep).toList());
    List<MigrationEvent> events = topics.eventsOf("happy-1");
    assertEquals(EventKind.EVENT_KIND_STARTED, events.getFirst().getKind());
    assertEquals(EventKind.EVENT_KIND_SUCCEEDED, events.getLast().getKind());
    assertEquals(Phase.PHASE_SUCCEEDED, events.getLast().getPhase());
  }

  @Test
  void oneMigrationPerVmAndRepeatedStartsAreNoOps() {
    MigrationRequest first = request("busy-1", "vm-busy");
    topics.start(first);
    topics.command("busy-1:pre-checks:1");
    topics.start(first);
    topics.start(request("busy-2", "vm-busy"));

    MigrationSnapshot refused = topics.snapshot("busy-2", s -> s.getPhase() == Phase.PHASE_REFUSED);
    assertEquals("VM vms/vm-busy on cluster-a is held by migration busy-1", refused.getFailureReason());
    assertEquals(1, topics.commandsOf("busy-1").size());
    assertEquals(List.of(), topics.commandsOf("busy-2"));

    // Once busy-1 ends the VM is free again.
    topics.cancel(first, "operator");
    topics.snapshot("busy-1", s -> s.getPhase() == Phase.PHASE_CANCELLED);
    topics.start(request("busy-3", "vm-busy"));
    topics.command("busy-3:pre-checks:1");
  }

  @Test
  void aRestartedDeciderResumesFromTheStoreWithoutRepeatingCommands() throws IOException {
    MigrationRequest request = request("resume-1", "vm-resume");
    topics.start(request);
    answer("resume-1:pre-checks:1", new Observation.PreChecked(List.of()));
    MigrationCommand baseline = topics.command("resume-1:fabric-baseline:1");

    stopDecider(decider);
    decider = startDecider();
    topics.answer(baseline, new Outcome.Observed(MacLocated.nowhere()));

    topics.command("resume-1:ensure-network:1");
    assertEquals(List.of("resume-1:pre-checks:1", "resume-1:fabric-baseline:1", "resume-1:ensure-network:1"),
        topics.commandsOf("resume-1").stream().map(MigrationCommand::getId).toList());
    MigrationSnapshot last = topics.snapshot("resume-1", s -> s.getStep().equals("ensure-network"));
    assertEquals(-1, last.getBaselineSequence());
  }

  @Test
  void theTickSendsALostCommandAgain() {
    // The default result timeout is 30 s; the decider's tick runs every 200 ms, so a retry of attempt 1 needs a
    // result that says "wait": the backoff is 2 s.
    MigrationRequest request = request("tick-1", "vm-tick");
    topics.start(request);
    MigrationCommand first = topics.command("tick-1:pre-checks:1");
    topics.answer(first, new Outcome.Unreachable("cluster-b", "connection refused"));
    topics.command("tick-1:pre-checks:2");
    assertTrue(topics.eventsOf("tick-1").stream().anyMatch(e -> e.getKind() == EventKind.EVENT_KIND_STEP_UNREACHABLE));
  }

  private void answer(String commandId, Observation observation) {
    topics.answer(topics.command(commandId), new Outcome.Observed(observation));
  }
}
