package io.openpe.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed values for every rule. Expected limits come from outside the code: IFNAMSIZ (16 with the
 * terminating NUL, linux/if.h), RFC 7348 §5 (VNI), RFC 6793 / RFC 7607 (ASN), RFC 1123 §2.1 (host names), RFC 8200
 * §5 (1280), IEEE 802 (group bit).
 */
class RulesTest {

  /** Values no name, address or token may ever be: each would change an ip -batch line or an FRR line. */
  private static final String[] HOSTILE = {"red\nnetns exec x touch /tmp/m", "red blue", "red;id", "$(id)", "`id`",
      "red\ttab", "réd", "red\u0000", "\"red\"", "red'", "-red", "", "red\r"};

  @Test
  void interfaceNamesRefuseEveryHostileValueAndSixteenCharacters() {
    for (String bad : HOSTILE) {
      assertThrows(IllegalArgumentException.class, () -> InterfaceName.requireValid(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> InterfaceName.requireValid("a".repeat(16)));
    assertThrows(IllegalArgumentException.class, () -> InterfaceName.requireValid(null));
    assertEquals("a".repeat(15), InterfaceName.requireValid("a".repeat(15)));
    assertEquals("br-pe-16777215", InterfaceName.requireValid("br-pe-16777215"));
    assertEquals("vrf_red-1", InterfaceName.requireValid("vrf_red-1"));
  }

  @Test
  void reasonsQuoteHostileTextEscaped() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InterfaceName.requireValid("red\nnetns exec x touch /tmp/m"));
    assertEquals("must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red\\nnetns exec x touch /tmp/m\"", e.getMessage());
    assertEquals("\"r\\u00e9d\"", Quoted.of("réd"));
    assertEquals("must be at most 15 characters, got 16 in \"aaaaaaaaaaaaaaaa\"",
        assertThrows(IllegalArgumentException.class, () -> InterfaceName.requireValid("a".repeat(16))).getMessage());
  }

  @Test
  void numberRangesAreTheProtocolLimits() {
    assertEquals(1, NumberRange.VNI.min());
    assertEquals((1L << 24) - 1, NumberRange.VNI.max());
    assertEquals((1L << 32) - 1, NumberRange.ASN.max());
    for (long bad : new long[] {0, -1, 1L << 24}) {
      assertThrows(IllegalArgumentException.class, () -> NumberRange.VNI.requireValid(bad));
    }
    for (long bad : new long[] {0, -1, 1L << 32}) {
      assertThrows(IllegalArgumentException.class, () -> NumberRange.ASN.requireValid(bad));
    }
    for (long bad : new long[] {0, 65_536}) {
      assertThrows(IllegalArgumentException.class, () -> NumberRange.PORT.requireValid(bad));
    }
    for (long bad : new long[] {0, 1279, 65_536}) {
      assertThrows(IllegalArgumentException.class, () -> NumberRange.MTU.requireValid(bad));
    }
    assertEquals("must be between 1 and 16777215, got 0",
        assertThrows(IllegalArgumentException.class, () -> NumberRange.VNI.requireValid(0)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1\n", "10.0.0.1 ", " 10.0.0.1", "10.0.0.1;id", "$(id)", "10.0.0", "256.0.0.1",
      "10.0.0.01", "fe80::1%eth0", "::g", "1:2:3:4:5:6:7:8:9", "not-an-ip", "", "１０.0.0.1"})
  void addressesRefuseWhatIsNotOne(String bad) {
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(bad));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/24\n", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0", "10.0.0.0/24/1", "10.0.0.0/024",
      "fd00::/129", "10.0.0.0/24 dev lo", "$(id)/24", ""})
  void cidrsRefuseWhatIsNotOne(String bad) {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad));
  }

  @ParameterizedTest
  @ValueSource(strings = {"00:f3:00:00:00:6f\n", "00:f3:00:00:00", "00-f3-00-00-00-6f", "01:00:5e:00:00:01",
      "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "00:f3:00:00:00:6g", "00:f3:00:00:00:6f:00", "", "$(id)"})
  void macAddressesRefuseWhatIsNotAUnicastOne(String bad) {
    assertThrows(IllegalArgumentException.class, () -> MacAddress.requireValid(bad));
  }

  @Test
  void macAddressesAcceptTheAnycastGatewayForm() {
    // DESIGN §4: 00:f3 followed by vni+1 (VNI 110 gives 00:f3:00:00:00:6f)
    assertEquals("00:f3:00:00:00:6f", MacAddress.requireValid("00:f3:00:00:00:6f"));
    assertEquals("02:03:04:05:06:07", MacAddress.requireValid("02:03:04:05:06:07"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"64512:100\n", "64512:100 ", "64512", ":100", "64512:", "0:100", "4294967296:1",
      "4200000000:65536", "10.0.0.1:65536", "1:2:3", "$(id):1", ""})
  void routeTargetsRefuseWhatIsNotOne(String bad) {
    assertThrows(IllegalArgumentException.class, () -> RouteTarget.parse(bad));
  }

  @Test
  void hostNamesFollowRfc1123() {
    assertEquals("pe-kind-a-worker", HostName.requireValid("pe-kind-a-worker"));
    assertEquals("route-service.openpe-system.svc", HostName.requireAddressOrName("route-service.openpe-system.svc"));
    assertEquals("192.168.11.3", HostName.requireAddressOrName("192.168.11.3"));
    assertEquals("fd00::1", HostName.requireAddressOrName("fd00::1"));
    for (String bad : HOSTILE) {
      assertThrows(IllegalArgumentException.class, () -> HostName.requireValid(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> HostName.requireAddressOrName(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> HostName.requireValid("a".repeat(64)));
    assertThrows(IllegalArgumentException.class, () -> HostName.requireValid("a.".repeat(127) + "a"));
    assertThrows(IllegalArgumentException.class, () -> HostName.requireAddressOrName("300.1.1.1"));
  }

  @Test
  void objectNamesAreTheKubernetesAlphabet() {
    assertEquals("l2-vni.red_1", ObjectName.requireValid("l2-vni.red_1"));
    for (String bad : HOSTILE) {
      assertThrows(IllegalArgumentException.class, () -> ObjectName.requireValid(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> ObjectName.requireValid("a".repeat(254)));
  }

  @Test
  void commandTokensRefuseEveryHostileValueAndKeepEveryPlanValue() {
    for (String bad : HOSTILE) {
      assertThrows(IllegalArgumentException.class, () -> CommandToken.requireSafe(bad), bad);
      assertThrows(IllegalArgumentException.class, () -> CommandToken.requireInterfaceName(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> CommandToken.requireSafe(null));
    assertThrows(IllegalArgumentException.class, () -> CommandToken.requireSafe("a".repeat(254)));
    assertThrows(IllegalArgumentException.class, () -> CommandToken.requireInterfaceName("br-pe-1234567890"));
    for (String good : new String[] {"10.0.0.1/24", "fd00:1::1/64", "aa:bb:cc:dd:ee:ff", "64512:110",
        "openpe:underlay-nic", "node-a.example.com", "4294967295", "br-pe-110", "/run/netns/ed-r"}) {
      assertEquals(good, CommandToken.requireSafe(good));
    }
    assertEquals("an interface name must be at most 15 characters, got 16 in \"br-pe-1234567890\"",
        assertThrows(IllegalArgumentException.class,
            () -> CommandToken.requireInterfaceName("br-pe-1234567890")).getMessage());
    assertEquals("link set dev br-pe-1 alias \"\"", CommandToken.requireOneLine("link set dev br-pe-1 alias \"\""));
    for (String bad : new String[] {"link del a\nnetns exec x touch /m", "a\rb", "a\u0000", "a\u2028b"}) {
      assertThrows(IllegalArgumentException.class, () -> CommandToken.requireOneLine(bad), bad);
    }
  }

  /** Seed 003's NAD names br-hs-666; the longest, br-hs-16777215, fits IFNAMSIZ - 1. */
  @Test
  void hostBridgeNamesRoundTripAndRefuseWhatIsNotOurs() {
    assertEquals("br-hs-666", HostBridgeName.of(666));
    assertEquals("br-hs-16777215", InterfaceName.requireValid(HostBridgeName.of(16_777_215)));
    assertThrows(IllegalArgumentException.class, () -> HostBridgeName.of(0));
    assertThrows(IllegalArgumentException.class, () -> HostBridgeName.of(16_777_216));
    assertEquals(OptionalLong.of(666), HostBridgeName.vniOf("br-hs-666"));
    for (String notOurs : new String[] {"br-hs-", "br-hs-0666", "br-hs-0", "br-hs-16777216", "br-hs-66a", "br-pe-666",
        "br0", "br-hs-+66"}) {
      assertEquals(OptionalLong.empty(), HostBridgeName.vniOf(notOurs), notOurs);
    }
    assertEquals(OptionalLong.empty(), HostBridgeName.vniOf(null));
  }
}
