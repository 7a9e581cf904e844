package io.openpe.migration.step;

import static io.openpe.migration.step.HappyPathKubeTest.observed;
import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static io.openpe.migration.step.Scenario.MIGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.kube.Ownership;
import io.openpe.migration.kube.Removal;
import io.openpe.migration.kube.ResourceKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects with the names a migration needs that it did not create: creates report a conflict, deletes leave them,
 * and neither writes to them. Seed 003's hand-provisioned migration network is used as it is.
 */
class ForeignObjectKubeTest {
  private final Scenario world = new Scenario();

  @Test
  void aForeignVmWhereTheReceiverGoesIsAConflictAndUntouched() {
    GenericKubernetesResource foreign = vm("default", "vm-1");
    world.op(B, ResourceKind.VIRTUAL_MACHINE).inNamespace("default").resource(foreign).create();
    var before = world.everything(B);

    StepOutcome<ReceiverVm> outcome = world.steps.createReceiverVm().run(MIGRATION);
    StepOutcome<Removal> delete = world.steps.deleteReceiverVm().run(MIGRATION);

    StepOutcome.Conflict<ReceiverVm> conflict = assertInstanceOf(StepOutcome.Conflict.class, outcome);
    assertEquals("default/vm-1", conflict.object().namespace() + "/" + conflict.object().name());
    assertEquals(B, conflict.object().cluster());
    assertEquals(Removal.State.NOT_OURS, observed(delete).state());
    assertEquals(before, world.everything(B), "the foreign VM is untouched");
  }

  @Test
  void aVmimOfAnotherMigrationWithOurNameIsAConflict() {
    GenericKubernetesResource vmim = new GenericKubernetesResource();
    vmim.setApiVersion(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION.apiVersion());
    vmim.setKind(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION.kind());
    vmim.setMetadata(new ObjectMetaBuilder().withName(MigrationNames.targetMigration(Scenario.ID))
        .withNamespace("default").withLabels(Ownership.labels("someone-else")).build());
    vmim.setAdditionalProperty("spec", Map.of("vmiName", "vm-1", "receive", Map.of("migrationID", "x")));
    world.op(B, ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION).inNamespace("default").resource(vmim).create();
    observed(world.steps.createReceiverVm().run(MIGRATION));
    world.kubevirt.advance();
    var before = world.everything(B);

    StepOutcome<TargetMigration> outcome = world.steps.createTargetMigration().run(MIGRATION);
    StepOutcome<Removal> delete = world.steps.deleteTargetMigration().run(MIGRATION);

    StepOutcome.Conflict<TargetMigration> conflict = assertInstanceOf(StepOutcome.Conflict.class, outcome);
    assertEquals("someone-else", conflict.owner());
    assertEquals(Removal.State.NOT_OURS, observed(delete).state());
    assertEquals(before, world.everything(B));
  }

  @Test
  void seed003sHandProvisionedNetworkIsUsedAndNeverRemoved() {
    for (String cluster : List.of(A, B)) {
      provisionSeedNetwork(cluster);
    }
    var before = List.of(world.everything(A), world.everything(B));

    NetworkEnsured ensured = observed(world.steps.ensureMigrationNetwork().run(MIGRATION));
    Removed removed = observed(world.steps.removeMigrationNetwork().run(MIGRATION));

    assertEquals(4, ensured.objects().size());
    assertEquals(List.of(), ensured.ours(), "all four were there, none is ours");
    assertTrue(removed.objects().stream().allMatch(r -> r.state() == Removal.State.NOT_OURS), removed.toString());
    assertEquals(before, List.of(world.everything(A), world.everything(B)), "nothing written");
  }

  @Test
  void anAttachmentHandingOutTheOtherHalfIsAConflict() {
    provisionSeedNetwork(A);
    // Cluster B's attachment on cluster A: both clusters would hand out 192.170.10.128/25.
    world.op(A, ResourceKind.NETWORK_ATTACHMENT_DEFINITION).inNamespace("kubevirt").withName("migration-evpn").delete();
    world.load(A, "ForeignObjectKubeTest.cluster-b-nad.yaml");
    var before = world.everything(A);

    StepOutcome<NetworkEnsured> outcome = world.steps.ensureMigrationNetwork().run(MIGRATION);

    StepOutcome.Conflict<NetworkEnsured> conflict = assertInstanceOf(StepOutcome.Conflict.class, outcome);
    assertTrue(conflict.reason().contains("exclude"), conflict.reason());
    assertEquals(before, world.everything(A), "left as it was");
  }

  private void provisionSeedNetwork(String cluster) {
    world.load(cluster, "ForeignObjectKubeTest.l2vni.yaml");
    world.load(cluster, A.equals(cluster) ? "ForeignObjectKubeTest.cluster-a-nad.yaml"
        : "ForeignObjectKubeTest.cluster-b-nad.yaml");
  }

  private static GenericKubernetesResource vm(String namespace, String name) {
    GenericKubernetesResource vm = new GenericKubernetesResource();
    vm.setApiVersion(ResourceKind.VIRTUAL_MACHINE.apiVersion());
    vm.setKind(ResourceKind.VIRTUAL_MACHINE.kind());
    vm.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    vm.setAdditionalProperty("spec", Map.of("runStrategy", "Halted"));
    return vm;
  }
}
