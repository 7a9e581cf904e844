package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import io.openpe.migration.saga.Step;
import io.openpe.migration.step.PackagedCoordinators.Api;
import io.openpe.migration.step.PackagedCoordinators.Coordinator;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's crash safety of the coordinator as shipped ({@link PackagedCoordinators}: {@code quarkus-run.jar} against
 * the KubeVirt double's two mock API servers and a real broker, so this runs in the integration-test phase).
 * {@code openpe.migration.dispatcher.pause-at} parks the dispatcher at a named point of one step — before the
 * executor's call, or after it and before the result is published — and the process is killed there with SIGKILL. A
 * restarted coordinator (no pause) must finish the migration with exactly one set of objects (by the ownership label on
 * both API servers) and no VMIM left. Kill-to-next-decision times go to {@code target/coordinator-resume.tsv}.
 */
// Set by the pom's packaged-coordinator execution only: a narrow -Dtest run must not pick a stale jar in the test phase.
@EnabledIfSystemProperty(named = "openpe.packaged-coordinator", matches = ".+")
class PackagedCoordinatorCrashIT {
  private static final AtomicInteger CASE = new AtomicInteger();
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
    return steps.stream().filter(step -> only.isBlank() || List.of(only.split(",")).contains(step.label()))
        .flatMap(step -> Stream.of(Arguments.of(step, "before"), Arguments.of(step, "after")));
  }

  @ParameterizedTest(name = "SIGKILL {1} {0}")
  @MethodSource("killPoints")
  void killedCoordinatorCompletesTheMigrationOnRestart(Step step, String point) throws Exception {
    int index = CASE.incrementAndGet();
    String cluster = "sg-crash-" + index + "-" + ProcessHandle.current().pid();
    String id = "crash-" + index;
    fixture.runKubevirt();

    Coordinator first = fixture.start(cluster,
        Map.of("openpe.migration.dispatcher.pause-at", step.label() + ":" + point));
    try (Api api = PackagedCoordinators.api(first)) {
      PackagedCoordinators.startMigration(api, id);
    }
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
        .until(() -> first.logText().contains("dispatcher paused " + point) || !first.process().isAlive());
    assertTrue(first.process().isAlive(), "the coordinator ended before the kill: " + first.logText());
    assertTrue(first.logText().contains(id + ":" + step.label() + ":"), "paused at another command: "
        + first.logText());
    long revisionAtKill;
    try (Api api = PackagedCoordinators.api(first)) {
      revisionAtKill = api.get(id).getRevision();
    }
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

    assertEquals(Phase.PHASE_SUCCEEDED, end.getPhase(), end + "\n" + second.logText());
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
}
