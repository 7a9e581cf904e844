package io.openpe.intent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import io.openpe.rules.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void objectIdPrintsKindAndNamespacedNameAndSortsByNamespaceThenName() {
    assertEquals("L2VNI openperouter-system/layer2", ObjectId.l2Vni("openperouter-system", "layer2").toString());
    List<ObjectId> ids = new ArrayList<>(List.of(ObjectId.l3Vni("b", "a"), ObjectId.l2Vni("a", "z"),
        ObjectId.underlay("a", "z"), ObjectId.l3Vni("a", "b")));
    ids.sort(null);
    assertEquals(List.of(ObjectId.l3Vni("a", "b"), ObjectId.l2Vni("a", "z"), ObjectId.underlay("a", "z"),
        ObjectId.l3Vni("b", "a")), ids);
  }

  @Test
  void vniAndAsnRanges() {
    assertEquals(16777215, new Vni(16777215).value());
    assertEquals("must be between 1 and 16777215, got 16777216",
        assertThrows(IllegalArgumentException.class, () -> new Vni(16777216)).getMessage());
    assertEquals(4294967295L, new Asn(4294967295L).value());
    assertThrows(IllegalArgumentException.class, () -> new Asn(0));
  }

  @Test
  void cidrParsesFormatsAndCountsHosts() {
    Cidr gateway = Cidr.parse("192.170.1.1/24");
    assertEquals("192.170.1.0", gateway.network().toString());
    assertEquals(24, gateway.prefixLength());
    assertEquals("192.170.1.1/24", gateway.toString());
    assertEquals("192.170.1.7", gateway.hostAt(7).toString());
    assertTrue(gateway.contains(IpAddress.parse("192.170.1.200")));
    assertFalse(gateway.contains(IpAddress.parse("192.170.2.1")));
    assertTrue(gateway.overlaps(Cidr.parse("192.170.0.0/16")));
    assertTrue(Cidr.parse("192.170.0.0/16").overlaps(gateway));
    assertFalse(gateway.overlaps(Cidr.parse("192.170.2.0/24")));
    assertFalse(gateway.overlaps(Cidr.parse("fd00::/8")));
    assertThrows(IllegalArgumentException.class, () -> gateway.hostAt(256));
  }

  @Test
  void ipv6FollowsRfc5952() {
    assertEquals("2001:db8::1", IpAddress.parse("2001:0DB8:0:0:0:0:0:1").toString());
    assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.parse("2001:db8:0:1:1:1:1:1").toString());
    assertEquals("2001:0:0:1::1", IpAddress.parse("2001:0:0:1:0:0:0:1").toString());
    assertEquals("::", IpAddress.parse("::").toString());
    assertEquals("::ffff:c000:201", IpAddress.parse("::ffff:192.0.2.1").toString());
    Cidr pool = Cidr.parse("fd00:1::/64");
    assertEquals("fd00:1::", pool.network().toString());
    assertEquals("fd00:1::ff", pool.hostAt(255).toString());
    assertEquals("fd00:1::/48", new Cidr(IpAddress.parse("fd00:1::5"), 48).network() + "/48");
    for (String bad : List.of("1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "fe80::1%eth0")) {
      assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(bad), bad);
    }
  }

  @Test
  void ipv4IsStrict() {
    for (String bad : List.of("10.1", "10.0.0.01", "10.0.0.256", "10.0.0.", "a.b.c.d", "localhost")) {
      assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(bad), bad);
    }
    assertEquals("10.0.0.255", IpAddress.parse("10.0.0.254").plus(1).toString());
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse("255.255.255.255").plus(1));
  }

  @Test
  void routeTargets() {
    assertEquals("64512:4294967295", RouteTarget.parse("64512:4294967295").toString());
    assertEquals("4200000000:65535", RouteTarget.parse("4200000000:65535").toString());
    assertEquals("10.0.0.1:100", RouteTarget.parse("10.0.0.1:100").toString());
    assertThrows(IllegalArgumentException.class, () -> RouteTarget.parse("64512:4294967296"));
    assertThrows(IllegalArgumentException.class, () -> RouteTarget.parse("10.0.0:1"));
    assertThrows(IllegalArgumentException.class, () -> RouteTarget.parse("1:2:3"));
  }

  @Test
  void nodeSelectorFollowsKubernetesSemantics() {
    Map<String, String> labels = Map.of("zone", "a", "role", "worker");
    assertTrue(NodeSelector.ALL.matches(labels));
    assertTrue(new NodeSelector(Map.of("zone", "a"), List.of()).matches(labels));
    assertFalse(new NodeSelector(Map.of("zone", "b"), List.of()).matches(labels));
    assertTrue(selector("zone", NodeSelector.Operator.In, "a", "b").matches(labels));
    assertFalse(selector("zone", NodeSelector.Operator.NotIn, "a").matches(labels));
    assertTrue(selector("rack", NodeSelector.Operator.NotIn, "r1").matches(labels));
    assertTrue(selector("role", NodeSelector.Operator.Exists).matches(labels));
    assertFalse(selector("rack", NodeSelector.Operator.Exists).matches(labels));
    assertTrue(selector("rack", NodeSelector.Operator.DoesNotExist).matches(labels));
  }

  private static NodeSelector selector(String key, NodeSelector.Operator operator, String... values) {
    return new NodeSelector(Map.of(), List.of(new NodeSelector.Requirement(key, operator, Set.of(values))));
  }

  @Test
  void interfaceNamesAndTheirReverseParse() {
    Vni vni = new Vni(110);
    assertEquals("br-pe-110", InterfaceNames.routerBridge(vni));
    assertEquals("vni110", InterfaceNames.vxlan(vni));
    assertEquals("pe-110", InterfaceNames.routerVeth(vni));
    assertEquals("host-110", InterfaceNames.hostVeth(vni));
    assertEquals("br-hs-110", InterfaceNames.hostBridge(vni));
    assertEquals(OptionalLong.of(110), InterfaceNames.vniOfRouterBridge("br-pe-110"));
    assertEquals(OptionalLong.of(110), InterfaceNames.vniOfVxlan("vni110"));
    assertEquals(OptionalLong.of(110), InterfaceNames.vniOfRouterVeth("pe-110"));
    assertEquals(OptionalLong.of(110), InterfaceNames.vniOfHostVeth("host-110"));
    assertEquals(OptionalLong.of(110), InterfaceNames.vniOfHostBridge("br-hs-110"));
    assertEquals(OptionalLong.empty(), InterfaceNames.vniOfRouterBridge("br-pe-0110"));
    assertEquals(OptionalLong.empty(), InterfaceNames.vniOfRouterBridge("br-pe-16777216"));
    assertEquals(OptionalLong.empty(), InterfaceNames.vniOfVxlan("vnix"));
    assertTrue(InterfaceNames.routerBridge(new Vni(Vni.MAX)).length() <= InterfaceNames.MAX_LENGTH);
  }

  @Test
  void intentsStaySortedAndReplaceById() {
    L2Vni b = l2("b", 2);
    L2Vni a = l2("a", 1);
    Intents intents = Intents.of(List.of(b, a));
    assertEquals(List.of(a, b), intents.l2Vnis());
    L2Vni a2 = l2("a", 3);
    assertEquals(List.of(a2, b), intents.with(a2).l2Vnis());
    assertEquals(List.of(b), intents.without(a.id()).all());
    assertThrows(IllegalArgumentException.class, () -> Intents.of(List.of(a, a2)));
  }

  private static L2Vni l2(String name, long vni) {
    return new L2Vni(ObjectId.l2Vni("ns", name), 1, new Vni(vni), java.util.Optional.empty(),
        java.util.Optional.empty(), new HostMaster(HostMaster.LINUX_BRIDGE, java.util.Optional.empty(), true), 0,
        NodeSelector.ALL);
  }
}
