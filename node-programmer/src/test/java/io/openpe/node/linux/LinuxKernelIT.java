package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.KernelChange;
import io.openpe.node.kernel.Side;
import io.openpe.testkit.netns.NetnsLab;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel adapter on the real kernel, in a lab of three namespaces per test: router, host and a "fabric" peer
 * holding the other end of the underlay NIC. Every expected value comes from DESIGN §4/§5 and the seeds, and is read
 * back with {@code ip -j -d} parsed here, independently of the adapter's reader.
 */
@Tag("root")
class LinuxKernelIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetnsLab lab;
    private String router;
    private String host;
    private Namespaces namespaces;

    @BeforeEach
    void lab() {
        lab = NetnsLab.create();
        router = lab.namespace("r");
        host = lab.namespace("h");
        String fabric = lab.namespace("f");
        lab.veth(host, "toswitch", fabric, "tonode");
        // The NIC's underlay address (RFC 5737-free lab range from the seeds, only inside the lab).
        lab.ip(host, "addr", "add", "192.168.11.3/24", "dev", "toswitch");
        namespaces = Namespaces.of(router, host);
    }

    @AfterEach
    void removeLab() {
        lab.close();
    }

    private KernelEnactment apply(LinuxKernel kernel, NodePlan plan) {
        return kernel.apply(DesiredState.from(plan, namespaces));
    }

    @Test
    void seedL2vni110FromEmptyGivesExactlyTheExpectedObjects() throws Exception {
        KernelEnactment first = apply(new LinuxKernel(namespaces), SeedPlans.l2Only(List.of("toswitch")));

        assertEquals(List.of(), first.failures());
        assertTrue(first.writes() > 0);

        Map<String, JsonNode> r = links(router);
        assertEquals(Set.of("lo", "toswitch", "br-pe-110", "vni110", "pe-110"), r.keySet());

        JsonNode bridge = r.get("br-pe-110");
        assertEquals("bridge", kind(bridge));
        assertEquals("00:f3:00:00:00:6f", bridge.path("address").asText());
        assertEquals(1450, bridge.path("mtu").asInt());
        assertTrue(up(bridge));
        assertEquals(Set.of("192.170.1.1/24"), addresses(bridge));

        JsonNode vxlan = r.get("vni110");
        JsonNode data = vxlan.path("linkinfo").path("info_data");
        assertEquals("vxlan", kind(vxlan));
        assertEquals(110, data.path("id").asInt());
        assertEquals("100.65.0.0", data.path("local").asText());
        assertEquals(4789, data.path("port").asInt());
        assertFalse(data.path("learning").asBoolean(true));
        assertEquals(1450, vxlan.path("mtu").asInt());
        assertEquals("br-pe-110", vxlan.path("master").asText());
        JsonNode port = vxlan.path("linkinfo").path("info_slave_data");
        assertTrue(port.path("neigh_suppress").asBoolean());
        assertFalse(port.path("learning").asBoolean(true));
        assertTrue(up(vxlan));

        JsonNode pe = r.get("pe-110");
        assertEquals("veth", kind(pe));
        assertEquals(1450, pe.path("mtu").asInt());
        assertEquals("br-pe-110", pe.path("master").asText());
        assertTrue(up(pe));

        assertEquals(Set.of("100.65.0.0/32"), addresses(r.get("lo")));
        assertTrue(up(r.get("lo")));
        assertTrue(up(r.get("toswitch")), "the NIC is raised in the router namespace");
        assertEquals(Set.of("192.168.11.3/24"), addresses(r.get("toswitch")), "the NIC keeps its address");

        Map<String, JsonNode> h = links(host);
        assertEquals(Set.of("lo", "br-hs-110", "host-110"), h.keySet(), "the NIC left the host namespace");
        assertEquals("bridge", kind(h.get("br-hs-110")));
        assertTrue(up(h.get("br-hs-110")));
        assertEquals("br-hs-110", h.get("host-110").path("master").asText());
        assertEquals(1450, h.get("host-110").path("mtu").asInt());
        assertTrue(up(h.get("host-110")));

        for (String key : List.of("net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding",
                "net.ipv4.conf.all.arp_accept", "net.ipv6.conf.all.accept_untracked_na")) {
            assertEquals("1", lab.exec(router, "sysctl", "-n", key).orThrow().stdout().strip(), key);
        }
    }

    @Test
    void applyingTheSamePlanAgainWritesNothing() {
        LinuxKernel kernel = new LinuxKernel(namespaces);
        NodePlan plan = SeedPlans.l2Only(List.of("toswitch"));
        assertEquals(List.of(), apply(kernel, plan).failures());

        KernelEnactment again = apply(new LinuxKernel(namespaces), plan);
        assertEquals(List.of(), again.changes());
        assertEquals(0, again.writes());
        assertEquals(List.of(), again.failures());
    }

    @Test
    void aChangedGatewayAppliesOnlyItsDifference() throws Exception {
        LinuxKernel kernel = new LinuxKernel(namespaces);
        apply(kernel, SeedPlans.l2Only(List.of("toswitch")));
        int bridgeIndex = links(router).get("br-pe-110").path("ifindex").asInt();

        NodePlan changed = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of("toswitch"))), List.of(),
                List.of(SeedPlans.l2vni110(Optional.empty(), "192.170.1.254/24")));
        KernelEnactment enactment = apply(kernel, changed);

        assertEquals(List.of(
                new KernelChange.Delete(new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24")),
                new KernelChange.Create(new Address(Side.ROUTER, "br-pe-110", "192.170.1.254/24"))),
                enactment.changes());
        assertEquals(2, enactment.writes());
        JsonNode bridge = links(router).get("br-pe-110");
        assertEquals(bridgeIndex, bridge.path("ifindex").asInt(), "the bridge was not recreated");
        assertEquals(Set.of("192.170.1.254/24"), addresses(bridge));
    }

    @Test
    void removalLeavesNothingAndReturnsTheNic() throws Exception {
        LinuxKernel kernel = new LinuxKernel(namespaces);
        apply(kernel, SeedPlans.l2Only(List.of("toswitch")));

        KernelEnactment removal = apply(kernel, SeedPlans.empty());

        assertEquals(List.of(), removal.failures());
        assertEquals(Set.of("lo"), links(router).keySet());
        assertEquals(Set.of(), addresses(links(router).get("lo")).stream()
                .filter(a -> !a.startsWith("127.") && !a.equals("::1/128")).collect(Collectors.toSet()));
        Map<String, JsonNode> h = links(host);
        assertEquals(Set.of("lo", "toswitch"), h.keySet());
        assertEquals("", h.get("toswitch").path("ifalias").asText(""), "our mark is gone with the move back");
        assertEquals(Set.of("192.168.11.3/24"), addresses(h.get("toswitch")), "the address came back with it");
        assertTrue(up(h.get("toswitch")));
        assertEquals(0, apply(kernel, SeedPlans.empty()).writes());
    }

    /**
     * The links a pass deletes go as one link group per side (LinkRemoval), and the group takes nothing else: a
     * foreign host link given this adapter's host group survives (the deletions there go by name), and a link of
     * ours left in the router's group by an interrupted pass and wanted since is kept and put back in the default
     * group, so the next removal is grouped again. The write counts tell which way each side went.
     */
    @Test
    void staleLinksGoTogetherAndTheirGroupTakesNothingElse() throws Exception {
        LinuxKernel kernel = new LinuxKernel(namespaces);
        assertEquals(List.of(), apply(kernel, l2vnis(4)).failures());
        String routerGroup = Long.toString(LinkRemoval.of(router).group());
        String hostGroup = Long.toString(LinkRemoval.of(router + " host").group());
        lab.ip(host, "link", "add", "eth-foreign", "type", "bridge");
        lab.ip(host, "link", "set", "dev", "eth-foreign", "group", hostGroup);
        int foreign = links(host).get("eth-foreign").path("ifindex").asInt();
        // Left by a pass killed between marking and deleting: a link kept since, and a stale one.
        lab.ip(router, "link", "set", "dev", "br-pe-110", "group", routerGroup);
        lab.ip(router, "link", "set", "dev", "pe-113", "group", routerGroup);
        int kept = links(router).get("br-pe-110").path("ifindex").asInt();

        KernelEnactment dropOne = apply(kernel, l2vnis(3));
        assertEquals(List.of(), dropOne.failures());
        // Router: 3 deletions by name and br-pe-110 put back; host: br-hs-113 alone, by name.
        assertEquals(5, dropOne.writes());
        Map<String, JsonNode> r = links(router);
        assertEquals(Set.of("lo", "br-pe-110", "vni110", "pe-110", "br-pe-111", "vni111", "pe-111", "br-pe-112",
                "vni112", "pe-112"), r.keySet());
        assertEquals(kept, r.get("br-pe-110").path("ifindex").asInt(), "the kept link was not deleted");
        assertEquals("default", r.get("br-pe-110").path("group").asText());

        KernelEnactment dropTwo = apply(kernel, l2vnis(1));
        assertEquals(List.of(), dropTwo.failures());
        // Router: 6 marks and one group delete; host: two bridges by name, since eth-foreign carries the group.
        assertEquals(9, dropTwo.writes());
        assertEquals(Set.of("lo", "br-pe-110", "vni110", "pe-110"), links(router).keySet());
        Map<String, JsonNode> h = links(host);
        assertEquals(Set.of("lo", "toswitch", "br-hs-110", "host-110", "eth-foreign"), h.keySet());
        assertEquals(foreign, h.get("eth-foreign").path("ifindex").asInt());
        assertEquals(hostGroup, h.get("eth-foreign").path("group").asText());
        assertEquals(0, apply(kernel, l2vnis(1)).writes());
    }

    /** L2VNIs 110, 111, ... without VRF and an Underlay without NICs. */
    private static NodePlan l2vnis(int count) {
        return io.openpe.node.intake.NodePlans.fromProto(io.openpe.node.ProtoPlans.l2vnis("lab", "node", 1, 110,
                count));
    }

    @Test
    void linksOutsideTheNamingSchemeAreNeverTouched() throws Exception {
        lab.ip(router, "link", "add", "eth-foreign", "type", "bridge");
        lab.ip(router, "link", "add", "br-pe-x1", "type", "bridge");
        lab.ip(host, "link", "add", "eth-foreign", "type", "bridge");
        lab.ip(host, "addr", "add", "192.0.2.1/24", "dev", "eth-foreign");
        int routerForeign = links(router).get("eth-foreign").path("ifindex").asInt();
        int hostForeign = links(host).get("eth-foreign").path("ifindex").asInt();

        LinuxKernel kernel = new LinuxKernel(namespaces);
        apply(kernel, SeedPlans.l2Only(List.of("toswitch")));
        apply(kernel, SeedPlans.empty());

        Map<String, JsonNode> r = links(router);
        assertEquals(Set.of("lo", "eth-foreign", "br-pe-x1"), r.keySet());
        assertEquals(routerForeign, r.get("eth-foreign").path("ifindex").asInt());
        JsonNode h = links(host).get("eth-foreign");
        assertEquals(hostForeign, h.path("ifindex").asInt());
        assertEquals(Set.of("192.0.2.1/24"), addresses(h));
    }

    @Test
    void anL3vniFailsWithItsVrfReasonWhileTheL2PartsApply() throws Exception {
        LinuxKernel kernel = new LinuxKernel(namespaces);
        KernelEnactment enactment = apply(kernel, SeedPlans.seed000(List.of("toswitch")));

        Map<String, String> failed = new HashMap<>();
        enactment.failures().forEach(f -> failed.put(f.object(), f.reason()));
        assertEquals(Set.of("vrf red", "master br-pe-100", "master br-pe-110", "address 192.170.1.1/24 on br-pe-110"),
                failed.keySet());
        failed.values().forEach(reason -> assertTrue(reason.contains("kernel lacks VRF support"), reason));
        assertTrue(enactment.capabilities().stream().anyMatch(c -> c.capability().equals("vrf") && !c.supported()));

        Map<String, JsonNode> r = links(router);
        assertEquals(Set.of("lo", "toswitch", "br-pe-100", "vni100", "br-pe-110", "vni110", "pe-110"), r.keySet());
        assertEquals("br-pe-110", r.get("vni110").path("master").asText());
        assertEquals("br-pe-100", r.get("vni100").path("master").asText());
        assertEquals(Set.of(), addresses(r.get("br-pe-110")), "no gateway outside its VRF");
        assertEquals("br-hs-110", links(host).get("host-110").path("master").asText());
        for (ObjectResult result : enactment.results()) {
            if (result.object().startsWith("vxlan ") || result.object().startsWith("veth ")) {
                assertEquals(ObjectResult.State.APPLIED, result.state(), result.toString());
            }
        }

        KernelEnactment again = apply(kernel, SeedPlans.seed000(List.of("toswitch")));
        assertEquals(0, again.writes(), "a known-missing capability is not retried");
        assertEquals(failed.keySet(), again.failures().stream().map(ObjectResult::object).collect(Collectors.toSet()));
    }

    @Test
    void anL3vniHostSessionKeepsItsHostSideWhileTheVrfSideFails() throws Exception {
        NodePlan plan = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of())), List.of(SeedPlans.red(true)),
                List.of());
        KernelEnactment enactment = apply(new LinuxKernel(namespaces), plan);

        assertEquals(Set.of("vrf red", "master br-pe-100", "master pe-100", "address 192.169.10.1/24 on pe-100"),
                enactment.failures().stream().map(ObjectResult::object).collect(Collectors.toSet()));
        JsonNode hostEnd = links(host).get("host-100");
        assertEquals(Set.of("192.169.10.2/24"), addresses(hostEnd));
        assertTrue(up(hostEnd));
        assertEquals(Set.of(), addresses(links(router).get("pe-100")));
    }

    @Test
    void aHalfAppliedStateConvergesWithoutLeftoversOrDuplicates() throws Exception {
        // What an agent killed in the middle of an apply can leave: a bridge with the wrong MTU and no MAC, a VXLAN
        // that still learns and has no master, a veth end whose peer is elsewhere, a stale router bridge.
        lab.ip(router, "link", "add", "br-pe-110", "mtu", "1500", "type", "bridge");
        lab.ip(router, "link", "add", "vni110", "type", "vxlan", "id", "110", "local", "100.65.0.0", "dstport",
                "4789");
        lab.ip(router, "link", "add", "br-pe-999", "type", "bridge");
        String elsewhere = lab.namespace("x");
        lab.ip(host, "link", "add", "host-110", "type", "veth", "peer", "name", "peer-110", "netns", elsewhere);

        KernelEnactment enactment = apply(new LinuxKernel(namespaces), SeedPlans.l2Only(List.of("toswitch")));

        assertEquals(List.of(), enactment.failures());
        Map<String, JsonNode> r = links(router);
        assertEquals(Set.of("lo", "toswitch", "br-pe-110", "vni110", "pe-110"), r.keySet());
        assertEquals("00:f3:00:00:00:6f", r.get("br-pe-110").path("address").asText());
        assertEquals(1450, r.get("br-pe-110").path("mtu").asInt());
        assertFalse(r.get("vni110").path("linkinfo").path("info_data").path("learning").asBoolean(true));
        assertEquals("br-pe-110", r.get("vni110").path("master").asText());
        assertEquals("br-pe-110", r.get("pe-110").path("master").asText());
        assertEquals("br-hs-110", links(host).get("host-110").path("master").asText());
        assertEquals(0, apply(new LinuxKernel(namespaces), SeedPlans.l2Only(List.of("toswitch"))).writes());
    }

    private Map<String, JsonNode> links(String namespace) throws Exception {
        Map<String, JsonNode> links = new HashMap<>();
        for (JsonNode link : JSON.readTree(lab.ip(namespace, "-j", "-d", "addr", "show"))) {
            links.put(link.path("ifname").asText(), link);
        }
        return links;
    }

    private static String kind(JsonNode link) {
        return link.path("linkinfo").path("info_kind").asText();
    }

    private static boolean up(JsonNode link) {
        for (JsonNode flag : link.path("flags")) {
            if (flag.asText().equals("UP")) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> addresses(JsonNode link) {
        return java.util.stream.StreamSupport.stream(link.path("addr_info").spliterator(), false)
                .filter(a -> a.path("scope").asText().equals("global"))
                .map(a -> a.path("local").asText() + "/" + a.path("prefixlen").asInt())
                .collect(Collectors.toSet());
    }
}
