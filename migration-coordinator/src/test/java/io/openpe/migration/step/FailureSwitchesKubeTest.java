package io.openpe.migration.step;

import static io.openpe.migration.step.HappyPathKubeTest.observed;
import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static io.openpe.migration.step.Scenario.MIGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9's failures as the double produces them, and what the executors observe. */
class FailureSwitchesKubeTest {
  private final Scenario world = new Scenario();

  @Test
  void syncNeverHappensLeavesBothVmimsWaitingForever() {
    world.kubevirt.failures().syncNeverHappens = true;
    startMigration();
    world.kubevirt.settle();

    Phases phases = observed(world.steps.observePhases().run(MIGRATION));

    assertEquals(MigrationPhase.WAITING_FOR_SYNC, phases.target());
    assertEquals(MigrationPhase.SYNCHRONIZING, phases.source());
    assertFalse(phases.pivoted());
    assertFalse(phases.failed());
  }

  @Test
  void sourceLauncherLostFailsBothWithTheReason() {
    startMigration();
    world.kubevirt.advance();
    world.kubevirt.advance();
    world.kubevirt.failures().sourceLauncherLost = true;
    world.kubevirt.settle();

    Phases phases = observed(world.steps.observePhases().run(MIGRATION));

    assertTrue(phases.failed());
    assertTrue(phases.sourceLost());
    assertEquals("source virt-launcher pod lost", phases.failureReason());
    assertEquals(InstancePhase.WAITING_FOR_SYNC, phases.targetVmi(), "the receiver never got the guest");
    assertEquals(List.of(), world.switchovers);
  }

  @Test
  void noGratuitousArpIsPassedToTheSwitchover() {
    world.kubevirt.failures().noGratuitousArp = true;
    startMigration();
    world.kubevirt.settle();

    assertTrue(observed(world.steps.observePhases().run(MIGRATION)).pivoted());
    assertEquals(List.of("default/vm-1 pe-kind-a->pe-kind-b silent"), world.switchovers);
  }

  @Test
  void targetApiDownDuringTheMigrationIsUnreachableAndNothingAdvances() {
    startMigration();
    world.kubevirt.advance();
    world.cluster(B).stop();
    world.kubevirt.settle();

    StepOutcome<Phases> outcome = world.steps.observePhases().run(MIGRATION);

    StepOutcome.Unreachable<Phases> unreachable = assertInstanceOf(StepOutcome.Unreachable.class, outcome);
    assertEquals(B, unreachable.cluster());
    assertEquals("Synchronizing", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION,
        "default", "mc-cross-cluster-demo-source"), "status", "phase"), "no blind progress or cancel");
    world.cluster(B).start();
    world.kubevirt.settle();
    assertTrue(observed(world.steps.observePhases().run(MIGRATION)).pivoted(), "reconciled once B is back");
  }

  @Test
  void sourceApiDownAfterThePivotStillReportsThePivot() {
    startMigration();
    world.kubevirt.settle();
    world.cluster(A).stop();

    Phases phases = observed(world.steps.observePhases().run(MIGRATION));

    assertTrue(phases.pivoted());
    assertEquals(MigrationPhase.UNKNOWN, phases.source());
    assertInstanceOf(StepOutcome.Unreachable.class, world.steps.finalizeMigration().run(MIGRATION),
        "finalize retries until the source answers");
  }

  @Test
  void cancelDuringTheMigrationFailsThePeerAndTheSourceKeepsRunning() {
    startMigration();
    for (int i = 0; i < 4; i++) {
      world.kubevirt.advance();
    }
    observed(world.steps.deleteSourceMigration().run(MIGRATION));
    world.kubevirt.settle();

    Phases phases = observed(world.steps.observePhases().run(MIGRATION));

    assertEquals(MigrationPhase.FAILED, phases.target(), "KubeVirt forwards the cancel");
    assertEquals(MigrationPhase.ABSENT, phases.source());
    assertEquals(InstancePhase.RUNNING, phases.sourceVmi());
    assertEquals(InstancePhase.WAITING_FOR_SYNC, phases.targetVmi());
  }

  private void startMigration() {
    observed(world.steps.ensureMigrationNetwork().run(MIGRATION));
    observed(world.steps.createReceiverVm().run(MIGRATION));
    world.kubevirt.advance();
    observed(world.steps.createTargetMigration().run(MIGRATION));
    world.kubevirt.advance();
    SyncAddress address = observed(world.steps.readSyncAddress().run(MIGRATION));
    observed(world.steps.createSourceMigration().run(MIGRATION, address));
  }
}
