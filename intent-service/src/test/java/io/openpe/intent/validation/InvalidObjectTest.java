package io.openpe.intent.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.openpe.intent.model.Intent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid inputs, one rule each (DESIGN §3), with the exact message a user sees. Each case starts from a valid seed
 * object ({@link #UNDERLAY}, {@link #L3}, {@link #L2}) and breaks one field.
 */
class InvalidObjectTest {
  static final String UNDERLAY = """
      apiVersion: openpe.openperouter.github.io/v1alpha1
      kind: Underlay
      metadata: {name: underlay, namespace: openperouter-system}
      spec:
        asn: 64514
        evpn: {vtepcidr: 100.65.0.0/24}
        nics: [toswitch]
        neighbors: [{asn: 64512, address: 192.168.11.2}]
      """;
  static final String L3 = """
      apiVersion: openpe.openperouter.github.io/v1alpha1
      kind: L3VNI
      metadata: {name: red, namespace: openperouter-system}
      spec:
        asn: 64514
        vni: 100
        localcidr: {ipv4: 192.169.10.0/24}
        hostasn: 64515
      """;
  static final String L2 = """
      apiVersion: openpe.openperouter.github.io/v1alpha1
      kind: L2VNI
      metadata: {name: layer2, namespace: openperouter-system}
      spec:
        vni: 110
        vrf: red
        hostmaster: {type: bridge, autocreate: true}
        l2gatewayip: 192.170.1.1/24
      """;

  private static final String U = "Underlay openperouter-system/underlay: ";
  private static final String L3E = "L3VNI openperouter-system/red: ";
  private static final String L2E = "L2VNI openperouter-system/layer2: ";

  static Stream<Arguments> invalidObjects() {
    return Stream.of(
        // Underlay
        Arguments.of(UNDERLAY.replace("asn: 64514", "asn: 0"),
            U + "spec.asn: must be between 1 and 4294967295, got 0"),
        Arguments.of(UNDERLAY.replace("asn: 64514", "asn: 4294967296"),
            U + "spec.asn: must be between 1 and 4294967295, got 4294967296"),
        Arguments.of(UNDERLAY.replace("  asn: 64514\n", ""), U + "spec.asn: is required"),
        Arguments.of(UNDERLAY.replace("  evpn: {vtepcidr: 100.65.0.0/24}\n", ""),
            U + "spec.evpn.vtepcidr: is required"),
        Arguments.of(UNDERLAY.replace("100.65.0.0/24", "100.65.0.0"),
            U + "spec.evpn.vtepcidr: must be a CIDR like 192.0.2.0/24 or 2001:db8::/64, got \"100.65.0.0\""),
        Arguments.of(UNDERLAY.replace("100.65.0.0/24", "100.65.0.0/33"),
            U + "spec.evpn.vtepcidr: prefix length must be between 0 and 32, got 33"),
        Arguments.of(UNDERLAY.replace("100.65.0.0/24", "100.65.0.256/24"),
            U + "spec.evpn.vtepcidr: must be a CIDR like 192.0.2.0/24 or 2001:db8::/64, got \"100.65.0.256/24\""),
        Arguments.of(UNDERLAY.replace("100.65.0.0/24", "fd00::/64"),
            U + "spec.evpn.vtepcidr: must be an IPv4 CIDR, got \"fd00::/64\""),
        Arguments.of(UNDERLAY.replace("nics: [toswitch]", "nics: []"),
            U + "spec.nics: must name at least one interface"),
        Arguments.of(UNDERLAY.replace("nics: [toswitch]", "nics: [toswitch, toswitch]"),
            U + "spec.nics[1]: duplicate interface \"toswitch\""),
        Arguments.of(UNDERLAY.replace("nics: [toswitch]", "nics: [0eth]"),
            U + "spec.nics[0]: must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"0eth\""),
        Arguments.of(UNDERLAY.replace("nics: [toswitch]", "nics: [averyveryverylongnic]"),
            U + "spec.nics[0]: must be at most 15 characters, got 20 in \"averyveryverylongnic\""),
        Arguments.of(UNDERLAY.replace("neighbors: [{asn: 64512, address: 192.168.11.2}]", "neighbors: []"),
            U + "spec.neighbors: must list at least one neighbor"),
        Arguments.of(UNDERLAY.replace("{asn: 64512, address: 192.168.11.2}", "{address: 192.168.11.2}"),
            U + "spec.neighbors[0].asn: is required"),
        Arguments.of(UNDERLAY.replace("192.168.11.2", "192.168.11"),
            U + "spec.neighbors[0].address: must be an IP address, got \"192.168.11\""),
        Arguments.of(UNDERLAY.replace("[{asn: 64512, address: 192.168.11.2}]",
                "[{asn: 64512, address: 192.168.11.2}, {asn: 64513, address: 192.168.11.2}]"),
            U + "spec.neighbors[1].address: duplicate neighbor 192.168.11.2"),
        Arguments.of(UNDERLAY + "  routeridcidr: 10.0.0.0/240\n",
            U + "spec.routeridcidr: prefix length must be between 0 and 32, got 240"),
        Arguments.of(UNDERLAY + "  nodeSelector: {matchExpressions: [{key: zone, operator: Near, values: [a]}]}\n",
            U + "spec.nodeSelector.matchExpressions[0].operator: must be one of In, NotIn, Exists, DoesNotExist,"
                + " got \"Near\""),
        Arguments.of(UNDERLAY + "  nodeSelector: {matchExpressions: [{key: zone, operator: In}]}\n",
            U + "spec.nodeSelector.matchExpressions[0].values: values must not be empty for operator In"),
        Arguments.of(UNDERLAY + "  nodeSelector: {matchExpressions: [{key: zone, operator: Exists, values: [a]}]}\n",
            U + "spec.nodeSelector.matchExpressions[0].values: values must be empty for operator Exists"),
        // L3VNI
        Arguments.of(L3.replace("vni: 100", "vni: 0"), L3E + "spec.vni: must be between 1 and 16777215, got 0"),
        Arguments.of(L3.replace("vni: 100", "vni: 16777216"),
            L3E + "spec.vni: must be between 1 and 16777215, got 16777216"),
        Arguments.of(L3.replace("  vni: 100\n", ""), L3E + "spec.vni: is required"),
        Arguments.of(L3 + "  vrf: red.blue\n", L3E + "spec.vrf: must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red.blue\""),
        Arguments.of(L3 + "  vrf: averyveryverylongvrf\n",
            L3E + "spec.vrf: must be at most 15 characters, got 20 in \"averyveryverylongvrf\""),
        Arguments.of(L3.replace("name: red,", "name: red.vrf,"),
            "L3VNI openperouter-system/red.vrf: metadata.name: is used as the VRF name because spec.vrf is absent,"
                + " and must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red.vrf\""),
        Arguments.of(L3.replace("hostasn: 64515", "hostasn: 64514"),
            L3E + "spec.hostasn: must differ from the router ASN 64514, got 64514"),
        Arguments.of(L3.replace("hostasn: 64515", "hostasn: 4294967296"),
            L3E + "spec.hostasn: must be between 1 and 4294967295, got 4294967296"),
        Arguments.of(L3.replace("  hostasn: 64515\n", ""), L3E + "spec.hostasn: is required when spec.localcidr is set"),
        Arguments.of(L3.replace("  localcidr: {ipv4: 192.169.10.0/24}\n", ""),
            L3E + "spec.localcidr: is required when spec.hostasn is set"),
        Arguments.of(L3.replace("{ipv4: 192.169.10.0/24}", "{ipv4: 192.169.10.0/31}"),
            L3E + "spec.localcidr.ipv4: prefix length must be at most 30 to hold the router and host addresses,"
                + " got 192.169.10.0/31"),
        Arguments.of(L3.replace("{ipv4: 192.169.10.0/24}", "{ipv4: 'fd00::/64'}"),
            L3E + "spec.localcidr.ipv4: must be an IPv4 CIDR, got \"fd00::/64\""),
        Arguments.of(L3.replace("{ipv4: 192.169.10.0/24}", "{ipv4: 192.169.10.0/24, ipv6: 192.169.11.0/24}"),
            L3E + "spec.localcidr.ipv6: must be an IPv6 CIDR, got \"192.169.11.0/24\""),
        Arguments.of(L3 + "  exportRTs: ['64514']\n", L3E + "spec.exportRTs[0]: must be ASN:NN or IPv4:NN, got \"64514\""),
        Arguments.of(L3 + "  importRTs: ['64514:100', '4200000000:70000']\n",
            L3E + "spec.importRTs[1]: the number after a 4-byte ASN must be between 0 and 65535 in"
                + " \"4200000000:70000\""),
        Arguments.of(L3 + "  importRTs: ['10.0.0.1:65536']\n",
            L3E + "spec.importRTs[0]: the number after an IPv4 administrator must be between 0 and 65535 in"
                + " \"10.0.0.1:65536\""),
        Arguments.of(L3 + "  exportRTs: ['0:100']\n",
            L3E + "spec.exportRTs[0]: ASN must be between 1 and 4294967295 in \"0:100\""),
        Arguments.of(L3 + "  vxlanport: 70000\n", L3E + "spec.vxlanport: must be between 1 and 65535, got 70000"),
        // L2VNI
        Arguments.of(L2.replace("vni: 110", "vni: 0"), L2E + "spec.vni: must be between 1 and 16777215, got 0"),
        Arguments.of(L2.replace("vrf: red", "vrf: 'red vrf'"),
            L2E + "spec.vrf: must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red vrf\""),
        Arguments.of(L2.replace("192.170.1.1/24", "192.170.1.0/24"),
            L2E + "spec.l2gatewayip: must be a host address with a prefix length, got the network address"
                + " 192.170.1.0/24"),
        Arguments.of(L2.replace("192.170.1.1/24", "192.170.1.255/24"),
            L2E + "spec.l2gatewayip: must be a host address with a prefix length, got the broadcast address"
                + " 192.170.1.255/24"),
        Arguments.of(L2.replace("192.170.1.1/24", "192.170.1.1"),
            L2E + "spec.l2gatewayip: must be a CIDR like 192.0.2.0/24 or 2001:db8::/64, got \"192.170.1.1\""),
        Arguments.of(L2.replace("  vrf: red\n", ""),
            L2E + "spec.l2gatewayip: requires spec.vrf: a gateway routes inside a VRF"),
        Arguments.of(L2.replace("  hostmaster: {type: bridge, autocreate: true}\n", ""),
            L2E + "spec.hostmaster: is required"),
        Arguments.of(L2.replace("{type: bridge, autocreate: true}", "{type: ovs-bridge, autocreate: true}"),
            L2E + "spec.hostmaster.type: must be bridge or linux-bridge, got \"ovs-bridge\""),
        Arguments.of(L2.replace("{type: bridge, autocreate: true}", "{autocreate: true}"),
            L2E + "spec.hostmaster.type: is required"),
        Arguments.of(L2.replace("{type: bridge, autocreate: true}", "{type: bridge}"),
            L2E + "spec.hostmaster.name: is required when autocreate is false: it names an existing bridge"),
        Arguments.of(L2.replace("{type: bridge, autocreate: true}",
                "{type: linux-bridge, autocreate: true, linux-bridge: {autocreate: false}}"),
            L2E + "spec.hostmaster.linux-bridge.autocreate: conflicts with spec.hostmaster.autocreate (false vs true)"),
        Arguments.of(L2.replace("{type: bridge, autocreate: true}", "{type: bridge, name: 'br 0'}"),
            L2E + "spec.hostmaster.name: must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"br 0\""),
        Arguments.of(L2 + "  vxlanport: 0\n", L2E + "spec.vxlanport: must be between 1 and 65535, got 0"),
        Arguments.of(L2.replace("namespace: openperouter-system", "namespace: ''"),
            "L2VNI /layer2: metadata.namespace: is required"),
        Arguments.of("""
            apiVersion: openpe.openperouter.github.io/v1alpha1
            kind: L2VNI
            metadata: {name: layer2, namespace: openperouter-system}
            """, L2E + "spec: is required"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidObjects")
  void rejectsWithExactMessage(String yaml, String expected) {
    ObjectValidation result = IntentValidation.validateObject(TestManifests.one(yaml), Optional.<Intent>empty());
    ObjectValidation.Rejected rejected = assertInstanceOf(ObjectValidation.Rejected.class, result);
    assertEquals(List.of(expected), rejected.errors().stream().map(ResourceError::message).toList());
  }

  @ParameterizedTest
  @MethodSource("validBases")
  void theBasesAreValid(String yaml) {
    assertInstanceOf(ObjectValidation.Accepted.class,
        IntentValidation.validateObject(TestManifests.one(yaml), Optional.<Intent>empty()));
  }

  static Stream<String> validBases() {
    return Stream.of(UNDERLAY, L3, L2);
  }
}
