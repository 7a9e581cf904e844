package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.linux.KernelReader.KindData;
import io.openpe.node.linux.KernelReader.Link;
import io.openpe.testkit.netns.Exec;
import io.openpe.testkit.netns.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The netlink reader against iproute2 on a real kernel: in a namespace holding every kind of link and attribute we
 * read, {@link KernelReader#links} must give, field by field, what {@code ip -d -j addr show} prints for the same
 * namespace, plus a few values written down by hand from the commands that built it.
 */
@Tag("root")
class KernelReaderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void linksEqualWhatIproute2ShowsForTheSameNamespace() {
        try (NetnsLab lab = NetnsLab.create()) {
            String ns = lab.namespace("n");
            String peer = lab.namespace("p");
            lab.ip(ns, "link", "add", "br-t", "address", "00:f3:00:00:00:6f", "mtu", "1450", "type", "bridge");
            lab.ip(ns, "link", "set", "br-t", "up");
            lab.ip(ns, "addr", "add", "192.170.1.1/24", "dev", "br-t");
            lab.ip(ns, "addr", "add", "2001:db8:0:0:1::5/64", "dev", "br-t", "nodad");
            lab.ip(ns, "link", "add", "vx-t", "mtu", "1450", "type", "vxlan", "id", "110", "local", "100.65.0.0",
                    "dstport", "4789", "nolearning");
            lab.ip(ns, "link", "set", "vx-t", "master", "br-t");
            lab.ip(ns, "link", "set", "vx-t", "type", "bridge_slave", "neigh_suppress", "on", "learning", "off");
            lab.ip(ns, "link", "set", "vx-t", "up");
            lab.ip(ns, "link", "add", "vx6-t", "type", "vxlan", "id", "16777215", "local", "2001:db8::7",
                    "dstport", "4790");
            // Kernels without VRF support (this machine's) get a bridge as the veth's master instead.
            boolean vrf = Exec.run(List.of("ip", "-n", ns, "link", "add", "vrf-t", "type", "vrf", "table", "1110"))
                    .ok();
            String vethMaster = vrf ? "vrf-t" : "br2-t";
            if (!vrf) {
                lab.ip(ns, "link", "add", "br2-t", "type", "bridge");
            }
            lab.ip(ns, "link", "set", vethMaster, "up");
            lab.veth(ns, "ve-a", peer, "ve-b");
            lab.ip(ns, "link", "set", "ve-a", "master", vethMaster);
            lab.ip(ns, "link", "set", "ve-a", "alias", "openpe test alias");
            lab.ip(ns, "addr", "add", "10.1.2.3/31", "dev", "ve-a");
            lab.ip(ns, "addr", "add", "10.9.9.1", "peer", "10.9.9.2/32", "dev", "ve-a");
            lab.ip(ns, "link", "set", "ve-a", "down");
            lab.ip(ns, "addr", "add", "100.65.0.0/32", "dev", "lo");
            lab.ip(ns, "link", "set", "dev", "vx6-t", "group", "1862270977");

            Map<String, Link> read = byName(KernelReader.links(new Netns(Optional.of(ns))));
            Map<String, Link> iproute2 = byName(iproute2Links(lab, ns));

            assertEquals(iproute2.keySet(), read.keySet());
            iproute2.forEach((name, expected) -> assertEquals(expected, read.get(name), name));

            // By hand, from the commands above.
            Link vxlan = read.get("vx-t");
            assertEquals(new KindData(-1, 110, "100.65.0.0", 4789, false), vxlan.data());
            assertEquals("br-t", vxlan.master());
            assertEquals("bridge", vxlan.slaveKind());
            assertTrue(vxlan.neighSuppress());
            assertEquals(false, vxlan.portLearning());
            assertEquals(1450, vxlan.mtu());
            assertEquals(new KindData(-1, 16777215, "2001:db8::7", 4790, true), read.get("vx6-t").data());
            assertEquals(false, read.get("vx6-t").up());
            assertEquals(1862270977L, read.get("vx6-t").group());
            assertEquals(0L, read.get("vx-t").group());
            Link bridge = read.get("br-t");
            assertEquals("00:f3:00:00:00:6f", bridge.mac());
            assertEquals(1450, bridge.mtu());
            assertTrue(bridge.up());
            // The first of two equally long zero runs is the one written as "::".
            assertEquals(List.of("192.170.1.1/24", "2001:db8::1:0:0:5/64"), bridge.addresses());
            if (vrf) {
                assertEquals(1110, read.get("vrf-t").data().vrfTable());
            }
            Link veth = read.get("ve-a");
            assertEquals("openpe test alias", veth.alias());
            assertEquals(false, veth.up());
            assertEquals(vethMaster, veth.master());
            assertEquals(vrf ? "vrf" : "bridge", veth.slaveKind());
            // A peer address shows its local side.
            assertEquals(List.of("10.1.2.3/31", "10.9.9.1/32"), veth.addresses());
            assertEquals(List.of("100.65.0.0/32"), read.get("lo").addresses());
        }
    }

    @Test
    void sysctlsAreTheNamespacesOwnAndMissingKeysAreSkipped() {
        try (NetnsLab lab = NetnsLab.create()) {
            String ns = lab.namespace("s");
            lab.exec(ns, "sysctl", "-w", "net.core.somaxconn=1234").orThrow();

            assertEquals(List.of(new Sysctl("net.core.somaxconn", "1234")), KernelReader.sysctls(
                    new Netns(Optional.of(ns)), List.of("net.core.somaxconn", "net.ipv4.no_such_key")));
        }
    }

    @Test
    void readingAnotherNamespaceLeavesTheCallingThreadWhereItWas() throws IOException {
        try (NetnsLab lab = NetnsLab.create()) {
            Path own = Path.of("/proc/thread-self/ns/net");
            String before = Files.readSymbolicLink(own).toString();
            KernelReader.links(new Netns(Optional.of(lab.namespace("t"))));
            assertEquals(before, Files.readSymbolicLink(own).toString());
        }
    }

    @Test
    void aMissingNamespaceIsAClearError() {
        try (NetnsLab lab = NetnsLab.create()) {
            String missing = lab.prefix() + "missing";
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> KernelReader.links(new Netns(Optional.of(missing))));
            assertTrue(error.getMessage().contains(missing) && error.getMessage().contains("errno 2"),
                    error.getMessage());
        }
    }

    @Test
    void aRequestTheKernelRefusesIsAClearErrorNamingNamespaceAndRequest() {
        try (NetnsLab lab = NetnsLab.create()) {
            String ns = lab.namespace("e");
            // RTM_MAX is far below 0x7ff0: rtnetlink answers EOPNOTSUPP (95) for a type beyond it.
            NetlinkSocket.Request unknown = new NetlinkSocket.Request("type-0x7ff0 dump", 0x7ff0, new byte[16]);
            try (NetlinkSocket socket = NetlinkSocket.openIn(new Netns(Optional.of(ns)))) {
                IllegalStateException error = assertThrows(IllegalStateException.class,
                        () -> socket.dump(unknown, LinkDecoder.RTM_NEWLINK));
                assertTrue(error.getMessage().contains(ns) && error.getMessage().contains("type-0x7ff0 dump")
                        && error.getMessage().contains("errno 95"), error.getMessage());
                // The socket still answers the next request.
                assertTrue(socket.dump(NetlinkSocket.LINKS, LinkDecoder.RTM_NEWLINK).size() >= 1);
            }
        }
    }

    /** The reference: {@code ip -d -j addr show}, each field taken as iproute2 prints it. */
    private static List<Link> iproute2Links(NetnsLab lab, String ns) {
        try {
            List<Link> links = new ArrayList<>();
            for (JsonNode node : JSON.readTree(lab.ip(ns, "-d", "-j", "addr", "show"))) {
                JsonNode info = node.path("linkinfo");
                JsonNode data = info.path("info_data");
                JsonNode port = info.path("info_slave_data");
                boolean up = false;
                for (JsonNode flag : node.path("flags")) {
                    up |= "UP".equals(flag.asText());
                }
                List<String> addresses = new ArrayList<>();
                for (JsonNode address : node.path("addr_info")) {
                    if ("global".equals(address.path("scope").asText())) {
                        addresses.add(address.path("local").asText() + "/" + address.path("prefixlen").asInt());
                    }
                }
                String kind = info.path("info_kind").asText("");
                KindData kindData = switch (kind) {
                    case "vrf" -> new KindData(data.path("table").asLong(), 0, "", 0, true);
                    // iproute2 prints an IPv6 source address as local6.
                    case "vxlan" -> new KindData(-1, data.path("id").asLong(),
                            data.path("local").asText(data.path("local6").asText("")),
                            data.path("port").asInt(), data.path("learning").asBoolean(true));
                    default -> KindData.NONE;
                };
                links.add(new Link(node.path("ifname").asText(), kind, up, node.path("mtu").asInt(),
                        node.path("address").asText(""), node.path("master").asText(""),
                        info.path("info_slave_kind").asText(""), port.path("neigh_suppress").asBoolean(false),
                        port.path("learning").asBoolean(true), node.path("ifalias").asText(""), kindData,
                        addresses, group(node.path("group").asText("default"))));
            }
            return links;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable ip -j output", e);
        }
    }

    /** ip prints group 0 by its name in /etc/iproute2/group, others as numbers when they have none. */
    private static long group(String printed) {
        return printed.equals("default") ? 0 : Long.parseLong(printed);
    }

    private static Map<String, Link> byName(List<Link> links) {
        Map<String, Link> byName = new LinkedHashMap<>();
        links.forEach(link -> byName.put(link.name(), link));
        return byName;
    }
}
