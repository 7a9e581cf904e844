package io.openpe.migration.step;

import static io.openpe.migration.step.HappyPathKubeTest.observed;
import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static io.openpe.migration.step.Scenario.MIGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.openpe.migration.kube.Fields;
import io.openpe.migration.kube.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each pre-check fails for its own reason, names the cluster and field, and pre-checks never write. */
class PreChecksKubeTest {
  private final Scenario world = new Scenario();

  @Test
  void seed003sSetupPassesEveryCheck() {
    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertTrue(report.passed(), report.failures().toString());
    assertEquals(List.of(Check.API_SERVER_REACHABLE, Check.API_SERVER_REACHABLE, Check.FEATURE_GATE,
        Check.MIGRATION_NETWORK, Check.FEATURE_GATE, Check.MIGRATION_NETWORK, Check.VM_MAC_SET, Check.WORKLOAD_L2VNI,
        Check.NO_MIGRATION_IN_FLIGHT, Check.NO_MIGRATION_IN_FLIGHT),
        report.checks().stream().map(Check::name).toList());
    assertTrue(report.checks().get(7).detail().contains("VNI 110, gateway 192.170.1.1/24, VRF red"),
        report.checks().get(7).detail());
  }

  @Test
  void targetApiDownFailsWithoutSideEffects() {
    var before = world.everything(A);
    world.cluster(B).stop();

    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertEquals(List.of(failed(Check.API_SERVER_REACHABLE, B)), failures(report));
    assertEquals(before, world.everything(A), "nothing written on the source");
    world.cluster(B).start();
    assertEquals(List.of(), List.copyOf(world.labelled(B)));
  }

  @Test
  void featureGateOffOnTheTarget() {
    GenericKubernetesResource kubevirt = world.get(B, ResourceKind.KUBEVIRT, "kubevirt", "kubevirt");
    kubevirt.setAdditionalProperty("spec", Map.of("configuration", Map.of(
        "developerConfiguration", Map.of("featureGates", List.of("Snapshot")),
        "migrations", Map.of("network", "migration-evpn"))));
    world.op(B, ResourceKind.KUBEVIRT).inNamespace("kubevirt").resource(kubevirt).update();

    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertEquals(List.of(failed(Check.FEATURE_GATE, B)), failures(report));
    assertTrue(report.failures().getFirst().detail().contains("DecentralizedLiveMigration"));
  }

  @Test
  void migrationsOverThePodNetwork() {
    GenericKubernetesResource kubevirt = world.get(A, ResourceKind.KUBEVIRT, "kubevirt", "kubevirt");
    kubevirt.setAdditionalProperty("spec", Map.of("configuration", Map.of(
        "developerConfiguration", Map.of("featureGates", List.of("DecentralizedLiveMigration")))));
    world.op(A, ResourceKind.KUBEVIRT).inNamespace("kubevirt").resource(kubevirt).update();

    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertEquals(List.of(failed(Check.MIGRATION_NETWORK, A)), failures(report));
    assertTrue(report.failures().getFirst().detail().contains("pod network"));
  }

  @Test
  void aVmWithoutExplicitMac() {
    GenericKubernetesResource vm = world.get(A, ResourceKind.VIRTUAL_MACHINE, "default", "vm-1");
    @SuppressWarnings("unchecked")
    Map<String, Object> device = (Map<String, Object>) Fields.list(vm, "spec", "template", "spec", "domain",
        "devices", "interfaces").getFirst();
    device.remove("macAddress");
    world.op(A, ResourceKind.VIRTUAL_MACHINE).inNamespace("default").resource(vm).update();

    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertEquals(List.of(failed(Check.VM_MAC_SET, A)), failures(report));
    assertTrue(report.failures().getFirst().detail().contains("[evpn]"), report.failures().toString());
  }

  @Test
  void theWorkloadGatewayDiffersOnTheTarget() {
    GenericKubernetesResource l2vni = world.get(B, ResourceKind.L2VNI, "openperouter-system", "layer2");
    Map<String, Object> spec = new LinkedHashMap<>(Fields.map(l2vni, "spec"));
    spec.put("l2gatewayip", "192.170.1.254/24");
    l2vni.setAdditionalProperty("spec", spec);
    world.op(B, ResourceKind.L2VNI).inNamespace("openperouter-system").resource(l2vni).update();

    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertEquals(List.of(failed(Check.WORKLOAD_L2VNI, "")), failures(report));
    assertTrue(report.failures().getFirst().detail().contains("192.170.1.254/24"));
  }

  @Test
  void anotherMigrationOfTheVmInFlight() {
    GenericKubernetesResource vmim = new GenericKubernetesResource();
    vmim.setApiVersion(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION.apiVersion());
    vmim.setKind(ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION.kind());
    vmim.setMetadata(new ObjectMetaBuilder().withName("by-hand").withNamespace("default").build());
    vmim.setAdditionalProperty("spec", Map.of("vmiName", "vm-1"));
    world.op(A, ResourceKind.VIRTUAL_MACHINE_INSTANCE_MIGRATION).inNamespace("default").resource(vmim).create();

    PreCheckReport report = observed(world.steps.preChecks().run(MIGRATION));

    assertEquals(List.of(failed(Check.NO_MIGRATION_IN_FLIGHT, A)), failures(report));
    assertTrue(report.failures().getFirst().detail().contains("by-hand"));
  }

  @Test
  void ourOwnEarlierObjectsDoNotBlockARepeat() {
    observed(world.steps.createReceiverVm().run(MIGRATION));
    world.kubevirt.advance();
    observed(world.steps.createTargetMigration().run(MIGRATION));

    assertFalse(observed(world.steps.preChecks().run(MIGRATION)).checks().isEmpty());
    assertTrue(observed(world.steps.preChecks().run(MIGRATION)).passed());
  }

  private static List<String> failures(PreCheckReport report) {
    List<String> out = new ArrayList<>();
    report.failures().forEach(check -> out.add(failed(check.name(), check.cluster())));
    return out;
  }

  private static String failed(String check, String cluster) {
    return check + "@" + cluster;
  }
}
