package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static io.openpe.migration.step.Scenario.MIGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every executor in saga order against the KubeVirt double on two CRUD API servers, each called twice: the repeat
 * must observe the same value and write nothing (no object's resource version moves).
 */
class HappyPathKubeTest {
  private final Scenario world = new Scenario();

  @Test
  void migratesVm1FromAToBAndEveryRepeatChangesNothing() {
    PreCheckReport checks = twice(() -> world.steps.preChecks().run(MIGRATION));
    assertTrue(checks.passed(), "pre-checks: " + checks.failures());

    NetworkEnsured network = twice(() -> world.steps.ensureMigrationNetwork().run(MIGRATION));
    assertEquals(4, network.ours().size(), "L2VNI and NAD created on both clusters: " + network);

    ReceiverVm receiver = twice(() -> world.steps.createReceiverVm().run(MIGRATION));
    assertEquals(List.of("02:03:04:05:06:07"), receiver.macAddresses(), "seed 003's MAC travels with the VM");
    assertEquals("Always", receiver.restoreRunStrategy());
    GenericKubernetesResource receiverVm = world.get(B, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1");
    assertEquals("WaitAsReceiver", Fields.string(receiverVm, "spec", "runStrategy"));
    assertEquals(Fields.map(world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1"), "spec", "template"),
        Fields.map(receiverVm, "spec", "template"), "same template: same MAC, same networks (seed 003)");

    assertInstanceOf(StepOutcome.Waiting.class, world.steps.createTargetMigration().run(MIGRATION),
        "the receiver VMI is not WaitingForSync until KubeVirt created it");
    world.kubevirt.advance();
    twice(() -> world.steps.createTargetMigration().run(MIGRATION));

    assertInstanceOf(StepOutcome.Waiting.class, world.steps.readSyncAddress().run(MIGRATION));
    world.kubevirt.advance();
    SyncAddress address = twice(() -> world.steps.readSyncAddress().run(MIGRATION));
    assertEquals(Scenario.SYNC_B, address.connectUrl(), "cluster B's synchronization controller");

    SourceMigration source = twice(() -> world.steps.createSourceMigration().run(MIGRATION, address));
    assertEquals("192.170.10.128:9185", source.connectUrl());

    world.kubevirt.advance();
    Phases syncing = twice(() -> world.steps.observePhases().run(MIGRATION));
    assertEquals(MigrationPhase.WAITING_FOR_SYNC, syncing.target());
    assertEquals(MigrationPhase.SYNCHRONIZING, syncing.source());
    assertEquals(InstancePhase.WAITING_FOR_SYNC, syncing.targetVmi());

    assertInstanceOf(StepOutcome.Rejected.class, world.steps.finalizeMigration().run(MIGRATION),
        "no finalize before the pivot");
    List<MigrationPhase> seen = new java.util.ArrayList<>();
    Phases phases = syncing;
    while (!phases.pivoted()) {
      world.kubevirt.advance();
      phases = observed(world.steps.observePhases().run(MIGRATION));
      seen.add(phases.target());
      assertEquals(phases.target(), phases.source(), "both VMIMs move together");
    }
    assertEquals(List.of(MigrationPhase.PENDING, MigrationPhase.SCHEDULING, MigrationPhase.SCHEDULED,
        MigrationPhase.PREPARING_TARGET, MigrationPhase.TARGET_READY, MigrationPhase.RUNNING,
        MigrationPhase.SUCCEEDED), seen, "KubeVirt's documented phase order");
    assertEquals(List.of("default/vm-1 pe-kind-a->pe-kind-b garp"), world.switchovers);
    assertInstanceOf(StepOutcome.Rejected.class, world.steps.deleteReceiverVm().run(MIGRATION),
        "the receiver runs the guest now");

    world.kubevirt.settle();
    Finalized done = twice(() -> world.steps.finalizeMigration().run(MIGRATION));
    assertEquals("Always", done.targetRunStrategy());
    assertEquals("Halted", done.sourceRunStrategy(), "KubeVirt halts the source after the move");

    assertEquals(new TreeSet<>(List.of("L2VNI openperouter-system/migration",
        "NetworkAttachmentDefinition kubevirt/migration-evpn")), world.labelled(A));
    assertEquals(new TreeSet<>(List.of("L2VNI openperouter-system/migration",
        "NetworkAttachmentDefinition kubevirt/migration-evpn", "VirtualMachine default/vm-1")), world.labelled(B));
    assertEquals("Running", Fields.string(world.get(B, ResourceKind.VIRTUAL_MACHINE_INSTANCE, "default", "vm-1"),
        "status", "phase"));
  }

  @Test
  void theMigrationNetworkIsCreatedAsSeed003WritesIt() {
    observed(world.steps.ensureMigrationNetwork().run(MIGRATION));

    for (String cluster : List.of(A, B)) {
      GenericKubernetesResource l2vni = world.get(cluster, ResourceKind.L2VNI, "openperouter-system", "migration");
      assertEquals(Map.of("hostmaster", Map.of("autocreate", true, "type", "bridge"),
          "l2gatewayip", "192.170.10.1/24", "vni", 666, "vrf", "rouge"), Fields.map(l2vni, "spec"),
          "seed 003's L2VNI 'migration' on " + cluster);
    }
    String configA = Fields.string(world.get(A, ResourceKind.NETWORK_ATTACHMENT_DEFINITION, "kubevirt",
        "migration-evpn"), "spec", "config");
    String configB = Fields.string(world.get(B, ResourceKind.NETWORK_ATTACHMENT_DEFINITION, "kubevirt",
        "migration-evpn"), "spec", "config");
    assertTrue(configA.contains("\"192.170.10.128/25\""), configA);
    assertTrue(configB.contains("\"192.170.10.0/25\""), configB);
  }

  /** Runs a step twice; both must be observed, equal, and the second must write nothing on either server. */
  private <O> O twice(Supplier<StepOutcome<O>> step) {
    O first = observed(step.get());
    Map<String, String> beforeA = world.everything(A);
    Map<String, String> beforeB = world.everything(B);
    O second = observed(step.get());
    assertEquals(first, second, "a repeated step observes the same");
    assertEquals(beforeA, world.everything(A), "a repeated step writes nothing on " + A);
    assertEquals(beforeB, world.everything(B), "a repeated step writes nothing on " + B);
    return first;
  }

  static <O> O observed(StepOutcome<O> outcome) {
    if (outcome instanceof StepOutcome.Observed<O> observed) {
      return observed.value();
    }
    throw new AssertionError("expected an observation, got " + outcome);
  }
}
