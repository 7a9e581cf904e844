package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.Step;
import io.openpe.migration.step.PackagedCoordinators.Api;
import io.openpe.migration.step.PackagedCoordinators.Coordinator;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.proto.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's crash safety of the coordinator as shipped ({@link PackagedCoordinators}: {@code quarkus-run.jar} against
 * the KubeVirt double's two mock API servers and a real broker, so this runs in the integration-test phase).
 * Three kill points per step: {@code openpe.migration.dispatcher.pause-at} parks the dispatcher before the executor's
 * call, or after it and before the result is published; {@code openpe.migration.decider.pause-at} parks the decider
 * inside the exactly-once transaction of the decision that commands the step (produced, not committed: checked on the
 * broker before the kill). The process is killed there with SIGKILL. A restarted coordinator (no pause) must finish
 * the migration with exactly one set of objects (by the ownership label on both API servers), no VMIM left, the killed
 * command committed once and no event recorded twice (read_committed). Kill-to-next-decision times go to
 * {@code target/coordinator-resume.tsv}; {@code -Dopenpe.crash.steps=} and {@code -Dopenpe.crash.points=} narrow it.
 */
// Set by the pom's packaged-coordinator execution only: a narrow -Dtest run must not pick a stale jar in the test phase.
@EnabledIfSystemProperty(named = "openpe.packaged-coordinator", matches = ".+")
class PackagedCoordinatorCrashIT {
  private static final AtomicInteger CASE = new AtomicInteger();
  /** The third kill point: inside the decider's transaction that records the decision commanding the step. */
  private static final String TRANSACTION = "transaction";
  private final PackagedCoordinators fixture = new PackagedCoordinators();
  private final Scenario world = fixture.world;

  @AfterEach
  void stop() throws InterruptedException {
    fixture.close();
  }

  static Stream<Arguments> killPoints() {
    List<Step> steps = List.of(Step.PRE_CHECKS, Step.FABRIC_BASELINE, Step.ENSURE_NETWORK, Step.RECEIVER_VM,
        Step.TARGET_MIGRATION, Step.SYNC_ADDRESS, Step.SOURCE_MIGRATION, Step.MIGRATING, Step.VERIFY_ROUTES,
        Step.FINALIZE);
    String only = System.getProperty("openpe.crash.steps", "");
    String points = System.getProperty("openpe.crash.points", "");
    return steps.stream().filter(step -> only.isBlank() || List.of(only.split(",")).contains(step.label()))
        .flatMap(step -> Stream.of("before", "after", TRANSACTION)
            .filter(point -> points.isBlank() || List.of(points.split(",")).contains(point))
            .map(point -> Arguments.of(step, point)));
  }

  @ParameterizedTest(name = "SIGKILL {1} {0}")
  @MethodSource("killPoints")
  void killedCoordinatorCompletesTheMigrationOnRestart(Step step, String point) throws Exception {
    int index = CASE.incrementAndGet();
    String cluster = "sg-crash-" + index + "-" + ProcessHandle.current().pid();
    String id = "crash-" + index;
    fixture.runKubevirt();

    Coordinator first = fixture.start(cluster, TRANSACTION.equals(point)
        ? Map.of("openpe.migration.decider.pause-at", step.label())
        : Map.of("openpe.migration.dispatcher.pause-at", step.label() + ":" + point));
    String marker = TRANSACTION.equals(point) ? "decider paused inside the transaction of " + id + ":" + step.label()
        + ":" : "dispatcher paused " + point + " " + id + ":" + step.label() + ":";
    // On a thread: with the decider parked in the start's own transaction, Start never sees its snapshot.
    Thread starting = Thread.ofVirtual().start(() -> {
      try (Api api = PackagedCoordinators.api(first)) {
        PackagedCoordinators.startMigration(api, id);
      } catch (AssertionError | RuntimeException e) {
        // Only a parked pre-checks decision leaves the start unanswered until the kill; the end state is asserted.
      }
    });
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
        .until(() -> first.logText().contains(marker) || !first.process().isAlive());
    assertTrue(first.process().isAlive(), "the coordinator ended before the kill: " + first.logText());
    assertTrue(first.logText().contains(marker), "paused at another command: " + first.logText());
    String killedCommand = Command.id(id, step, 1);
    if (TRANSACTION.equals(point)) {
      // The kill must find the decision produced and not committed: its command on the broker, past the last
      // stable offset, seen by read_uncommitted only.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> fixture.commandIds("read_uncommitted").contains(killedCommand));
      assertFalse(fixture.commandIds("read_committed").contains(killedCommand), "committed before the kill");
      assertTrue(fixture.transactionOpenOn(Topics.MIGRATION_COMMANDS), "no transaction open at the kill");
    }
    if (!(TRANSACTION.equals(point) && step == Step.PRE_CHECKS)) {
      // The start was answered, so its snapshot is in the API's view and the revision read next is not an older one.
      starting.join(Duration.ofSeconds(150));
    }
    long revisionAtKill = revisionOrZero(first, id);
    long killedAt = System.nanoTime();
    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, first.process().exitValue(), "expected death by SIGKILL");

    Coordinator second = fixture.start(cluster, Map.of());
    MigrationSnapshot end;
    try (Api api = PackagedCoordinators.api(second)) {
      api.await(id, Duration.ofSeconds(180), snapshot -> snapshot.getRevision() > revisionAtKill);
      long resumeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      Files.writeString(Path.of("target", "coordinator-resume.tsv"), step.label() + "\t" + point + "\t"
          + resumeMillis + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      end = api.awaitEnd(id);
    }

    starting.join(Duration.ofSeconds(30));
    assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end + "\n" + second.logText());
    List<String> committed = fixture.commandIds("read_committed");
    assertEquals(1, committed.stream().filter(killedCommand::equals).count(), committed.toString());
    if (TRANSACTION.equals(point)) {
      // The killed transaction was aborted, not lost or committed late: its copy stays as an aborted record.
      assertEquals(2, fixture.commandIds("read_uncommitted").stream().filter(killedCommand::equals).count());
    }
    List<MigrationEvent> history = fixture.events(id);
    Map<String, Long> recorded = history.stream().collect(Collectors.groupingBy(
        event -> event.getRevision() + " " + event.getKind() + " " + event.getStep() + " " + event.getMessage(),
        TreeMap::new, Collectors.counting()));
    recorded.values().removeIf(count -> count == 1);
    assertEquals(Map.of(), recorded, "events recorded twice (read_committed)");
    assertEquals(Phase.PHASE_SUCCEEDED, history.getLast().getPhase(), history.getLast().toString());
    // No route-service here: the MAC is never seen, so verification ends in its (short) deadline with a warning.
    assertEquals(1, end.getWarningsCount(), end.toString());
    assertEquals(new TreeSet<>(List.of("L2VNI openperouter-system/migration",
        "NetworkAttachmentDefinition kubevirt/migration-evpn")), world.labelled(A));
    assertEquals(new TreeSet<>(List.of("L2VNI openperouter-system/migration",
        "NetworkAttachmentDefinition kubevirt/migration-evpn", "VirtualMachine default/vm-1")), world.labelled(B));
    assertTrue(world.everything(A).keySet().stream().noneMatch(o -> o.startsWith("VirtualMachineInstanceMigration"))
        && world.everything(B).keySet().stream().noneMatch(o -> o.startsWith("VirtualMachineInstanceMigration")),
        () -> world.everything(A) + " " + world.everything(B));
    assertEquals("Running", Fields.string(world.get(B, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"));
  }

  /** The last committed revision; 0 when the start itself was not committed (the decider parked in it). */
  private static long revisionOrZero(Coordinator coordinator, String id) {
    try (Api api = PackagedCoordinators.api(coordinator)) {
      return api.get(id).getRevision();
    } catch (StatusRuntimeException e) {
      assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), e.toString());
      return 0;
    }
  }
}
