package io.openpe.intent.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Intents;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.L3Vni;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntentValidationTest {

  private static Intent accept(String yaml) {
    return assertInstanceOf(ObjectValidation.Accepted.class,
        IntentValidation.validateObject(TestManifests.one(yaml), Optional.<Intent>empty())).intent();
  }

  private static List<String> reject(String yaml, Optional<? extends Intent> previous) {
    return assertInstanceOf(ObjectValidation.Rejected.class,
        IntentValidation.validateObject(TestManifests.one(yaml), previous)).errors().stream()
        .map(ResourceError::message).toList();
  }

  @Test
  void reportsEveryErrorOfAnObjectAtOnce() {
    String yaml = InvalidObjectTest.L2.replace("vni: 110", "vni: 0").replace("vrf: red", "vrf: 1red")
        .replace("{type: bridge, autocreate: true}", "{type: ovs}");
    assertEquals(List.of(
        "L2VNI openperouter-system/layer2: spec.vni: must be between 1 and 16777215, got 0",
        "L2VNI openperouter-system/layer2: spec.vrf: must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"1red\"",
        "L2VNI openperouter-system/layer2: spec.hostmaster.type: must be bridge or linux-bridge, got \"ovs\"",
        "L2VNI openperouter-system/layer2: spec.hostmaster.name: is required when autocreate is false: it names an"
            + " existing bridge"), reject(yaml, Optional.empty()));
  }

  @Test
  void gatewayIpIsImmutable() {
    L2Vni previous = (L2Vni) accept(InvalidObjectTest.L2);
    String changed = InvalidObjectTest.L2.replace("192.170.1.1/24", "192.170.2.1/24");
    assertEquals(List.of("L2VNI openperouter-system/layer2: spec.l2gatewayip: is immutable after creation, was"
        + " 192.170.1.1/24, got 192.170.2.1/24"), reject(changed, Optional.of(previous)));
    String removed = InvalidObjectTest.L2.replace("  l2gatewayip: 192.170.1.1/24\n", "");
    assertEquals(List.of("L2VNI openperouter-system/layer2: spec.l2gatewayip: is immutable after creation, was"
        + " 192.170.1.1/24, got unset"), reject(removed, Optional.of(previous)));
  }

  @Test
  void localCidrIsImmutableButOtherFieldsMayChange() {
    L3Vni previous = (L3Vni) accept(InvalidObjectTest.L3);
    String changed = InvalidObjectTest.L3.replace("192.169.10.0/24", "192.169.20.0/24");
    assertEquals(List.of("L3VNI openperouter-system/red: spec.localcidr.ipv4: is immutable after creation, was"
        + " 192.169.10.0/24, got 192.169.20.0/24"), reject(changed, Optional.of(previous)));
    String newPort = InvalidObjectTest.L3 + "  vxlanport: 4790\n";
    assertInstanceOf(ObjectValidation.Accepted.class,
        IntentValidation.validateObject(TestManifests.one(newPort), Optional.of(previous)));
  }

  @Test
  void bothHostMasterSpellingsGiveTheSameIntent() {
    L2Vni flat = (L2Vni) accept(InvalidObjectTest.L2);
    L2Vni nested = (L2Vni) accept(InvalidObjectTest.L2.replace("{type: bridge, autocreate: true}",
        "{type: linux-bridge, linux-bridge: {autocreate: true}}"));
    assertEquals(flat, nested);
    assertEquals("linux-bridge", flat.hostMaster().type());
    assertEquals(true, flat.hostMaster().autocreate());
  }

  @Test
  void l3VniWithoutVrfIsNamedAfterTheObject() {
    L3Vni l3 = (L3Vni) accept(InvalidObjectTest.L3);
    assertEquals("red", l3.vrf().value());
    assertEquals(64514, l3.hostSession().orElseThrow().asn().orElseThrow().value());
    assertEquals(0, l3.vxlanPort(), "unset port stays unset; the planner applies the default");
  }

  @Test
  void oneL3VniPerVrfAndUniqueVnis() {
    Intent red = accept(InvalidObjectTest.L3);
    Intent red2 = accept("""
        apiVersion: openpe.openperouter.github.io/v1alpha1
        kind: L3VNI
        metadata: {name: red2, namespace: openperouter-system}
        spec: {vni: 101, vrf: red}
        """);
    Intent l2SameVni = accept(InvalidObjectTest.L2.replace("name: layer2,", "name: z-layer2,")
        .replace("vni: 110", "vni: 101").replace("vrf: red", "vrf: blue"));
    ConflictResolution resolution = IntentValidation.resolveConflicts(Intents.of(List.of(l2SameVni, red2, red)));
    assertEquals(Intents.of(List.of(red, l2SameVni)), resolution.winners());
    assertEquals(List.of(
        "L3VNI openperouter-system/red2: spec.vrf: VRF red is already defined by L3VNI openperouter-system/red"),
        resolution.rejected().stream().map(ResourceError::message).toList());
  }

  @Test
  void aLoserNeverBlocksALaterObject() {
    // Order by name: a-layer2, layer2, layer3, layer4, layer5, red, red2.
    Intent aLayer2 = accept(InvalidObjectTest.L2.replace("name: layer2,", "name: a-layer2,").replace("vni: 110",
        "vni: 100").replace("192.170.1.1/24", "192.171.1.1/24"));
    Intent layer2 = accept(InvalidObjectTest.L2);
    Intent layer3 = accept(InvalidObjectTest.L2.replace("name: layer2,", "name: layer3,")
        .replace("vni: 110", "vni: 111").replace("192.170.1.1/24", "192.170.1.129/25"));
    Intent layer4 = accept(InvalidObjectTest.L2.replace("name: layer2,", "name: layer4,")
        .replace("vni: 110", "vni: 112").replace("192.170.1.1/24", "192.169.10.200/24"));
    Intent layer5 = accept(InvalidObjectTest.L2.replace("name: layer2,", "name: layer5,")
        .replace("vni: 110", "vni: 113").replace("vrf: red", "vrf: blue"));
    Intent red = accept(InvalidObjectTest.L3);
    Intent red2 = accept(InvalidObjectTest.L3.replace("name: red,", "name: red2,").replace("vni: 100", "vni: 101")
        + "  vrf: red\n");

    ConflictResolution resolution = IntentValidation.resolveConflicts(Intents.of(
        List.of(red2, red, layer5, layer4, layer3, layer2, aLayer2)));

    assertEquals(Intents.of(List.of(aLayer2, layer2, layer4, layer5)), resolution.winners());
    assertEquals(List.of(
        "L2VNI openperouter-system/layer3: spec.l2gatewayip: 192.170.1.129/25 overlaps 192.170.1.1/24 of"
            + " L2VNI openperouter-system/layer2 in VRF red",
        "L3VNI openperouter-system/red: spec.vni: VNI 100 is already used by L2VNI openperouter-system/a-layer2",
        "L3VNI openperouter-system/red: spec.localcidr.ipv4: 192.169.10.0/24 overlaps 192.169.10.200/24 of"
            + " L2VNI openperouter-system/layer4 in VRF red",
        // red lost, so red2 may define VRF red; its CIDR still overlaps the winner layer4.
        "L3VNI openperouter-system/red2: spec.localcidr.ipv4: 192.169.10.0/24 overlaps 192.169.10.200/24 of"
            + " L2VNI openperouter-system/layer4 in VRF red"),
        resolution.rejected().stream().map(ResourceError::message).toList());
  }
}
