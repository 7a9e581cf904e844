package io.openpe.migration.step;

import static io.openpe.migration.step.HappyPathKubeTest.observed;
import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static io.openpe.migration.step.Scenario.MIGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compensations before the pivot: afterwards no object carries our label, and the source VM still runs. */
class CompensationKubeTest {
  private final Scenario world = new Scenario();

  @Test
  void compensatingAMigrationInFlightLeavesNothingOfOursAndTheSourceRunning() {
    prepareUpToRunning();
    assertEquals(MigrationPhase.RUNNING, observed(world.steps.observePhases().run(MIGRATION)).target());

    Removal source = observed(world.steps.deleteSourceMigration().run(MIGRATION));
    Removal target = observed(world.steps.deleteTargetMigration().run(MIGRATION));
    Removal receiver = observed(world.steps.deleteReceiverVm().run(MIGRATION));
    Removed network = observed(world.steps.removeMigrationNetwork().run(MIGRATION));
    world.kubevirt.settle();

    for (Removal removal : List.of(source, target, receiver)) {
      assertEquals(Removal.State.ABSENT, removal.state(), removal.toString());
    }
    assertTrue(network.objects().stream().allMatch(r -> r.state() == Removal.State.ABSENT), network.toString());
    assertEquals(List.of(), List.copyOf(world.labelled(A)), "nothing of ours on " + A);
    assertEquals(List.of(), List.copyOf(world.labelled(B)), "nothing of ours on " + B);
    assertNull(world.get(B, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"), "receiver VMI gone with its VM");
    assertEquals("Running", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"), "the source keeps running");
    assertEquals("Always", Fields.string(world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"),
        "spec", "runStrategy"));
    assertEquals(List.of(), world.switchovers, "the guest never moved");
  }

  @Test
  void compensationsOfStepsThatNeverRanAreAbsentAndRepeatable() {
    for (int attempt = 0; attempt < 2; attempt++) {
      assertEquals(Removal.State.ABSENT, observed(world.steps.deleteSourceMigration().run(MIGRATION)).state());
      assertEquals(Removal.State.ABSENT, observed(world.steps.deleteTargetMigration().run(MIGRATION)).state());
      assertEquals(Removal.State.ABSENT, observed(world.steps.deleteReceiverVm().run(MIGRATION)).state());
      Removed network = observed(world.steps.removeMigrationNetwork().run(MIGRATION));
      assertEquals(4, network.objects().size());
      assertTrue(network.objects().stream().allMatch(r -> r.state() == Removal.State.ABSENT), network.toString());
    }
  }

  @Test
  void theNetworkWaitsWhileAnotherMigrationUsesIt() {
    observed(world.steps.ensureMigrationNetwork().run(MIGRATION));
    Migration other = new Migration("other-move", A, B, "default", "vm-1", "default", Scenario.NETWORK);
    world.kubevirt.settle();
    observed(world.steps.createReceiverVm().run(MIGRATION));
    world.kubevirt.settle();
    observed(world.steps.createTargetMigration().run(other));

    StepOutcome<Removed> blocked = world.steps.removeMigrationNetwork().run(MIGRATION);

    assertInstanceOf(StepOutcome.Waiting.class, blocked);
    assertTrue(((StepOutcome.Waiting<Removed>) blocked).reason().contains("other-move"), blocked.toString());
    assertTrue(world.labelled(A).contains("NetworkAttachmentDefinition kubevirt/migration-evpn"));
    observed(world.steps.deleteTargetMigration().run(other));
    observed(world.steps.removeMigrationNetwork().run(MIGRATION));
    assertEquals(List.of("VirtualMachine default/vm-1"), List.copyOf(world.labelled(B)));
  }

  private void prepareUpToRunning() {
    assertTrue(observed(world.steps.preChecks().run(MIGRATION)).passed());
    observed(world.steps.ensureMigrationNetwork().run(MIGRATION));
    observed(world.steps.createReceiverVm().run(MIGRATION));
    world.kubevirt.advance();
    observed(world.steps.createTargetMigration().run(MIGRATION));
    world.kubevirt.advance();
    SyncAddress address = observed(world.steps.readSyncAddress().run(MIGRATION));
    observed(world.steps.createSourceMigration().run(MIGRATION, address));
    while (observed(world.steps.observePhases().run(MIGRATION)).target() != MigrationPhase.RUNNING) {
      world.kubevirt.advance();
    }
  }
}
