package io.openpe.node.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.NodePlan.BmpTarget;
import io.openpe.node.desired.NodePlan.HostBridge;
import io.openpe.node.desired.NodePlan.HostSession;
import io.openpe.node.desired.NodePlan.L2Domain;
import io.openpe.node.desired.NodePlan.L3Domain;
import io.openpe.node.desired.NodePlan.Neighbor;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.NodePlan.Underlay;
import io.openpe.node.desired.NodePlan.VethPair;
import io.openpe.node.desired.NodePlan.VxlanPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Every field of a plan against a table of hostile values: each must be refused with an error that names exactly
 * that field, and a seed plan must pass untouched.
 */
class PlanValidationTest {

    /** Values that would change an ip -batch line or an FRR line, or are simply not names. */
    private static final List<String> HOSTILE_TEXT = List.of("red\nnetns exec perouter touch /tmp/x", "red blue",
            "red;reboot", "$(touch /tmp/x)", "`id`", "", "a".repeat(16), "réd", "red\t", "red\r\n");
    private static final List<Long> HOSTILE_VNI = List.of(0L, -1L, 16_777_216L);
    private static final List<Long> HOSTILE_ASN = List.of(-1L, 4_294_967_296L);
    private static final List<Long> HOSTILE_PORT = List.of(-1L, 65_536L);
    private static final List<Long> HOSTILE_MTU = List.of(1L, 1279L, 65_536L);

    static NodePlan good() {
        HostSession session = new HostSession(new VethPair("pe-100", "host-100", 1450), 64514, 64515,
                Optional.of("192.169.10.1/24"), Optional.of("192.169.10.2/24"), Optional.of("fd00:10::1/64"),
                Optional.of("fd00:10::2/64"));
        L3Domain red = new L3Domain(SeedPlans.RED, "red", 100, "br-pe-100",
                new VxlanPlan("vni100", 100, "100.65.0.0", 4789), List.of("64514:100"), List.of("10.0.0.1:100"),
                Optional.of(session), Optional.of("00:f3:00:00:00:65"));
        Underlay underlay = new Underlay(SeedPlans.UNDERLAY, 64514, "10.0.0.1", "100.65.0.0", List.of("toswitch"),
                List.of(new Neighbor(64512, "192.168.11.2")), 1500);
        return new NodePlan("pe-kind-a", "pe-kind-a-worker", 7, "0123abcd", Optional.of(underlay), List.of(red),
                List.of(SeedPlans.l2vni110(Optional.of("red"), "192.170.1.1/24")),
                Optional.of(new BmpTarget("route-service.openpe-system.svc", 5000)));
    }

    @Test
    void theSeedPlansPass() {
        assertEquals(List.of(), PlanValidation.errorsOf(good()));
        assertEquals(List.of(), PlanValidation.errorsOf(SeedPlans.seed000(List.of("eth1"))));
        assertEquals(List.of(), PlanValidation.errorsOf(SeedPlans.withBmp(SeedPlans.l2Only(List.of()),
                "192.168.11.9", 5000)));
    }

    @Test
    void everyTextFieldRefusesEveryHostileValueNamingTheField() {
        Map<String, Function<String, NodePlan>> fields = new LinkedHashMap<>();
        fields.put("node", v -> plan(v, good().underlay().orElseThrow(), red(), l2(), good().bmp()));
        fields.put("underlay.nics[0]", v -> withUnderlay(u -> new Underlay(u.source(), u.asn(), u.routerId(),
                u.vtepIp(), List.of(v), u.neighbors(), u.mtu())));
        fields.put("underlay.routerId", v -> withUnderlay(u -> new Underlay(u.source(), u.asn(), v, u.vtepIp(),
                u.nics(), u.neighbors(), u.mtu())));
        fields.put("underlay.vtepIp", v -> withUnderlay(u -> new Underlay(u.source(), u.asn(), u.routerId(), v,
                u.nics(), u.neighbors(), u.mtu())));
        fields.put("underlay.neighbors[0].address", v -> withUnderlay(u -> new Underlay(u.source(), u.asn(),
                u.routerId(), u.vtepIp(), u.nics(), List.of(new Neighbor(64512, v)), u.mtu())));
        fields.put("l3Domains[0].vrf", v -> withL3(l -> new L3Domain(l.source(), v, l.vni(), l.bridge(), l.vxlan(),
                l.exportRts(), l.importRts(), l.hostSession(), l.routerMac())));
        fields.put("l3Domains[0].bridge", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(), v, l.vxlan(),
                l.exportRts(), l.importRts(), l.hostSession(), l.routerMac())));
        fields.put("l3Domains[0].vxlan.name", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), new VxlanPlan(v, 100, "100.65.0.0", 4789), l.exportRts(), l.importRts(),
                l.hostSession(), l.routerMac())));
        fields.put("l3Domains[0].vxlan.localIp", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), new VxlanPlan("vni100", 100, v, 4789), l.exportRts(), l.importRts(), l.hostSession(),
                l.routerMac())));
        fields.put("l3Domains[0].exportRts[0]", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), l.vxlan(), List.of(v), l.importRts(), l.hostSession(), l.routerMac())));
        fields.put("l3Domains[0].importRts[0]", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), l.vxlan(), l.exportRts(), List.of(v), l.hostSession(), l.routerMac())));
        fields.put("l3Domains[0].routerMac", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), l.vxlan(), l.exportRts(), l.importRts(), l.hostSession(), Optional.of(v))));
        fields.put("l3Domains[0].hostSession.veth.routerName", v -> withSession(s -> new HostSession(
                new VethPair(v, "host-100", 1450), s.routerAsn(), s.hostAsn(), s.routerIpv4(), s.hostIpv4(),
                s.routerIpv6(), s.hostIpv6())));
        fields.put("l3Domains[0].hostSession.veth.hostName", v -> withSession(s -> new HostSession(
                new VethPair("pe-100", v, 1450), s.routerAsn(), s.hostAsn(), s.routerIpv4(), s.hostIpv4(),
                s.routerIpv6(), s.hostIpv6())));
        fields.put("l3Domains[0].hostSession.routerIpv4", v -> withSession(s -> new HostSession(s.veth(),
                s.routerAsn(), s.hostAsn(), Optional.of(v), s.hostIpv4(), s.routerIpv6(), s.hostIpv6())));
        fields.put("l3Domains[0].hostSession.hostIpv4", v -> withSession(s -> new HostSession(s.veth(),
                s.routerAsn(), s.hostAsn(), s.routerIpv4(), Optional.of(v), s.routerIpv6(), s.hostIpv6())));
        fields.put("l3Domains[0].hostSession.routerIpv6", v -> withSession(s -> new HostSession(s.veth(),
                s.routerAsn(), s.hostAsn(), s.routerIpv4(), s.hostIpv4(), Optional.of(v), s.hostIpv6())));
        fields.put("l3Domains[0].hostSession.hostIpv6", v -> withSession(s -> new HostSession(s.veth(),
                s.routerAsn(), s.hostAsn(), s.routerIpv4(), s.hostIpv4(), s.routerIpv6(), Optional.of(v))));
        fields.put("l2Domains[0].vrf", v -> withL2(l -> new L2Domain(l.source(), l.vni(), Optional.of(v),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), l.veth(), l.hostBridge(), l.gatewayIp(), l.gatewayMac())));
        fields.put("l2Domains[0].bridge", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), v, l.vxlan(), l.veth(), l.hostBridge(), l.gatewayIp(), l.gatewayMac())));
        fields.put("l2Domains[0].vxlan.name", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), new VxlanPlan(v, 110, "100.65.0.0", 4789), l.veth(), l.hostBridge(),
                l.gatewayIp(), l.gatewayMac())));
        fields.put("l2Domains[0].veth.routerName", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), new VethPair(v, "host-110", 1450), l.hostBridge(),
                l.gatewayIp(), l.gatewayMac())));
        fields.put("l2Domains[0].veth.hostName", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), new VethPair("pe-110", v, 1450), l.hostBridge(),
                l.gatewayIp(), l.gatewayMac())));
        fields.put("l2Domains[0].hostBridge.name", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), l.veth(), Optional.of(new HostBridge(v, true)),
                l.gatewayIp(), l.gatewayMac())));
        fields.put("l2Domains[0].gatewayIp", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), l.veth(), l.hostBridge(), Optional.of(v), l.gatewayMac())));
        fields.put("l2Domains[0].gatewayMac", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), l.veth(), l.hostBridge(), l.gatewayIp(), Optional.of(v))));
        fields.put("l2Domains[0].source.name", v -> withL2(l -> new L2Domain(new SourceRef("L2VNI", "ns", v),
                l.vni(), l.vrf(), l.vrfNodeLocal(), l.bridge(), l.vxlan(), l.veth(), l.hostBridge(), l.gatewayIp(),
                l.gatewayMac())));
        fields.put("bmp.address", v -> plan("node-a", good().underlay().orElseThrow(), red(), l2(),
                Optional.of(new BmpTarget(v, 5000))));

        for (Map.Entry<String, Function<String, NodePlan>> field : fields.entrySet()) {
            for (String value : HOSTILE_TEXT) {
                if (value.equals("a".repeat(16)) && !refusesSixteenLetters(field.getKey())) {
                    continue;
                }
                assertRefused(field.getKey(), field.getValue().apply(value), value);
            }
        }
    }

    @Test
    void sixteenCharactersIsOneTooManyForADeviceName() {
        NodePlan plan = withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(), l.vrfNodeLocal(), "br-pe-1234567890",
                l.vxlan(), l.veth(), l.hostBridge(), l.gatewayIp(), l.gatewayMac()));
        FieldError error = PlanValidation.errorsOf(plan).getFirst();
        assertEquals("l2Domains[0].bridge", error.field());
        assertEquals("must be at most 15 characters, got 16 in \"br-pe-1234567890\"", error.reason());
        assertEquals(Optional.of(SeedPlans.LAYER2), error.source());
    }

    @Test
    void aNewlineInAVrfNameIsQuotedEscapedInTheReason() {
        NodePlan plan = withL3(l -> new L3Domain(l.source(), "red\nnetns exec perouter touch /tmp/x", l.vni(),
                l.bridge(), l.vxlan(), l.exportRts(), l.importRts(), l.hostSession(), l.routerMac()));
        FieldError error = PlanValidation.errorsOf(plan).getFirst();
        assertEquals("l3Domains[0].vrf", error.field());
        assertEquals("must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red\\nnetns exec perouter touch /tmp/x\"",
                error.reason());
        assertTrue(error.reason().indexOf('\n') < 0);
    }

    @Test
    void everyNumberFieldRefusesOutOfRangeValues() {
        Map<String, LongFunction<NodePlan>> fields = new LinkedHashMap<>();
        Map<String, List<Long>> values = new LinkedHashMap<>();
        fields.put("underlay.asn", v -> withUnderlay(u -> new Underlay(u.source(), v, u.routerId(), u.vtepIp(),
                u.nics(), u.neighbors(), u.mtu())));
        values.put("underlay.asn", List.of(0L, -1L, 4_294_967_296L));
        fields.put("underlay.neighbors[0].asn", v -> withUnderlay(u -> new Underlay(u.source(), u.asn(),
                u.routerId(), u.vtepIp(), u.nics(), List.of(new Neighbor(v, "192.168.11.2")), u.mtu())));
        values.put("underlay.neighbors[0].asn", List.of(0L, -1L, 4_294_967_296L));
        fields.put("underlay.mtu", v -> withUnderlay(u -> new Underlay(u.source(), u.asn(), u.routerId(),
                u.vtepIp(), u.nics(), u.neighbors(), (int) v)));
        values.put("underlay.mtu", HOSTILE_MTU);
        fields.put("l3Domains[0].vni", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), v, l.bridge(), l.vxlan(),
                l.exportRts(), l.importRts(), l.hostSession(), l.routerMac())));
        values.put("l3Domains[0].vni", HOSTILE_VNI);
        fields.put("l3Domains[0].vxlan.vni", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), new VxlanPlan("vni100", v, "100.65.0.0", 4789), l.exportRts(), l.importRts(),
                l.hostSession(), l.routerMac())));
        values.put("l3Domains[0].vxlan.vni", HOSTILE_VNI);
        fields.put("l3Domains[0].vxlan.dstPort", v -> withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(),
                l.bridge(), new VxlanPlan("vni100", 100, "100.65.0.0", (int) v), l.exportRts(), l.importRts(),
                l.hostSession(), l.routerMac())));
        values.put("l3Domains[0].vxlan.dstPort", HOSTILE_PORT);
        fields.put("l3Domains[0].hostSession.hostAsn", v -> withSession(s -> new HostSession(s.veth(),
                s.routerAsn(), v, s.routerIpv4(), s.hostIpv4(), s.routerIpv6(), s.hostIpv6())));
        values.put("l3Domains[0].hostSession.hostAsn", List.of(0L, -1L, 4_294_967_296L));
        fields.put("l3Domains[0].hostSession.routerAsn", v -> withSession(s -> new HostSession(s.veth(), v,
                s.hostAsn(), s.routerIpv4(), s.hostIpv4(), s.routerIpv6(), s.hostIpv6())));
        values.put("l3Domains[0].hostSession.routerAsn", HOSTILE_ASN);
        fields.put("l3Domains[0].hostSession.veth.mtu", v -> withSession(s -> new HostSession(
                new VethPair("pe-100", "host-100", (int) v), s.routerAsn(), s.hostAsn(), s.routerIpv4(),
                s.hostIpv4(), s.routerIpv6(), s.hostIpv6())));
        values.put("l3Domains[0].hostSession.veth.mtu", List.of(0L, 1L, 1279L, 65_536L));
        fields.put("l2Domains[0].vni", v -> withL2(l -> new L2Domain(l.source(), v, l.vrf(), l.vrfNodeLocal(),
                l.bridge(), l.vxlan(), l.veth(), l.hostBridge(), l.gatewayIp(), l.gatewayMac())));
        values.put("l2Domains[0].vni", HOSTILE_VNI);
        fields.put("l2Domains[0].veth.mtu", v -> withL2(l -> new L2Domain(l.source(), l.vni(), l.vrf(),
                l.vrfNodeLocal(), l.bridge(), l.vxlan(), new VethPair("pe-110", "host-110", (int) v),
                l.hostBridge(), l.gatewayIp(), l.gatewayMac())));
        values.put("l2Domains[0].veth.mtu", List.of(0L, 1279L, 65_536L));
        fields.put("bmp.port", v -> plan("node-a", good().underlay().orElseThrow(), red(), l2(),
                Optional.of(new BmpTarget("192.168.11.9", (int) v))));
        values.put("bmp.port", List.of(0L, -1L, 65_536L));

        for (Map.Entry<String, LongFunction<NodePlan>> field : fields.entrySet()) {
            for (long value : values.get(field.getKey())) {
                assertRefused(field.getKey(), field.getValue().apply(value), Long.toString(value));
            }
        }
    }

    @Test
    void addressesOfTheWrongFamilyAreRefused() {
        assertRefused("underlay.vtepIp", withUnderlay(u -> new Underlay(u.source(), u.asn(), u.routerId(),
                "fd00::1", u.nics(), u.neighbors(), u.mtu())), "fd00::1");
        assertRefused("l3Domains[0].hostSession.routerIpv4", withSession(s -> new HostSession(s.veth(),
                s.routerAsn(), s.hostAsn(), Optional.of("fd00::1/64"), s.hostIpv4(), s.routerIpv6(),
                s.hostIpv6())), "fd00::1/64");
    }

    @Test
    void everyBrokenFieldIsReportedNotOnlyTheFirst() {
        NodePlan plan = withL2(l -> new L2Domain(l.source(), 0, Optional.of("red;x"), l.vrfNodeLocal(), "br pe",
                l.vxlan(), l.veth(), l.hostBridge(), Optional.of("not-a-cidr"), Optional.of("zz")));
        assertEquals(List.of("l2Domains[0].vni", "l2Domains[0].vrf", "l2Domains[0].bridge", "l2Domains[0].gatewayIp",
                "l2Domains[0].gatewayMac"), PlanValidation.errorsOf(plan).stream().map(FieldError::field).toList());
    }

    /** Names and addresses must refuse 16 letters; a 16-letter host or object name is a valid one. */
    private static boolean refusesSixteenLetters(String field) {
        return !field.equals("node") && !field.equals("bmp.address") && !field.endsWith("source.name");
    }

    private static void assertRefused(String field, NodePlan plan, String value) {
        List<FieldError> errors = PlanValidation.errorsOf(plan);
        assertTrue(errors.stream().anyMatch(e -> e.field().equals(field)),
                field + " = " + io.openpe.rules.Quoted.of(value) + " was not refused: " + errors);
    }

    private static L3Domain red() {
        return good().l3Domains().getFirst();
    }

    private static L2Domain l2() {
        return good().l2Domains().getFirst();
    }

    private static NodePlan plan(String node, Underlay underlay, L3Domain l3, L2Domain l2, Optional<BmpTarget> bmp) {
        return new NodePlan("pe-kind-a", node, 7, "0123abcd", Optional.of(underlay), List.of(l3), List.of(l2), bmp);
    }

    private static NodePlan withUnderlay(Function<Underlay, Underlay> change) {
        return plan("node-a", change.apply(good().underlay().orElseThrow()), red(), l2(), good().bmp());
    }

    private static NodePlan withL3(Function<L3Domain, L3Domain> change) {
        return plan("node-a", good().underlay().orElseThrow(), change.apply(red()), l2(), good().bmp());
    }

    private static NodePlan withSession(Function<HostSession, HostSession> change) {
        return withL3(l -> new L3Domain(l.source(), l.vrf(), l.vni(), l.bridge(), l.vxlan(), l.exportRts(),
                l.importRts(), Optional.of(change.apply(l.hostSession().orElseThrow())), l.routerMac()));
    }

    private static NodePlan withL2(Function<L2Domain, L2Domain> change) {
        return plan("node-a", good().underlay().orElseThrow(), red(), change.apply(l2()), good().bmp());
    }
}
