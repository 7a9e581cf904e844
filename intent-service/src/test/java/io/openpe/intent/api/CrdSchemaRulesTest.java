package io.openpe.intent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.rules.Cidr;
import io.openpe.rules.InterfaceName;
import io.openpe.rules.NumberRange;
import io.openpe.rules.RouteTarget;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CRD schema's constants say what {@code io.openpe.rules} says: same ranges and lengths, and a pattern never
 * refuses a value the rule accepts (the patterns may be looser: the Java validator still runs after the API server).
 */
class CrdSchemaRulesTest {

  @Test
  void rangesAreTheRulesRanges() {
    assertEquals(new NumberRange(SchemaRules.VNI_MIN, SchemaRules.VNI_MAX), NumberRange.VNI);
    assertEquals(new NumberRange(SchemaRules.ASN_MIN, SchemaRules.ASN_MAX), NumberRange.ASN);
    assertEquals(new NumberRange(SchemaRules.PORT_MIN, SchemaRules.PORT_MAX), NumberRange.PORT);
  }

  @Test
  void interfaceNamesAreTheRulesNames() {
    assertEquals(InterfaceName.PATTERN.pattern(), SchemaRules.INTERFACE_NAME);
    assertEquals(InterfaceName.MAX_LENGTH, SchemaRules.INTERFACE_NAME_MAX);
  }

  @Test
  void everyCidrTheRuleAcceptsMatchesThePattern() {
    for (String text : List.of("192.170.1.1/24", "0.0.0.0/0", "255.255.255.255/32", "10.0.0.0/8", "fd00:10::1/64",
        "::/0", "2001:db8:0:0:0:0:0:1/128", "fe80::1/10")) {
      Cidr.parse(text);
      assertTrue(Pattern.matches(SchemaRules.IP_CIDR, text), text);
      assertTrue(Pattern.matches(text.contains(":") ? SchemaRules.IPV6_CIDR : SchemaRules.IPV4_CIDR, text), text);
    }
    for (String text : List.of("192.170.1.1", "192.170.1.256/24", "1.2.3/24", "10.0.0.0/33", "fd00::/129", "red")) {
      assertFalse(Pattern.matches(SchemaRules.IP_CIDR, text), text);
    }
  }

  @Test
  void theLengthLimitsFitTheLongestAddresses() {
    String ipv4 = "255.255.255.255/32";
    String ipv6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128";
    Cidr.parse(ipv4);
    Cidr.parse(ipv6);
    assertEquals(SchemaRules.IPV4_CIDR_MAX, ipv4.length());
    assertEquals(SchemaRules.IP_CIDR_MAX, ipv6.length());
    assertEquals(SchemaRules.IP_MAX, ipv6.indexOf('/'));
  }

  @Test
  void everyRouteTargetTheRuleAcceptsMatchesThePattern() {
    for (String text : List.of("64514:100", "4294967295:65535", "10.0.0.1:7", "1:4294967295")) {
      RouteTarget.parse(text);
      assertTrue(Pattern.matches(SchemaRules.ROUTE_TARGET, text), text);
    }
    for (String text : List.of("64514", "a:1", "64514:", ":1", "1:2:3")) {
      assertFalse(Pattern.matches(SchemaRules.ROUTE_TARGET, text), text);
    }
  }
}
