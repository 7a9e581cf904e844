package io.openpe.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.testkit.netns.NetnsLab;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a node with the L2VNIs of {@link ProtoPlans#l2vnis} (VNIs {@code first} .. {@code first + count - 1}) holds in
 * its two namespaces when converged, read back from the kernel: the crash tests' definition of "no leftovers and no
 * duplicates".
 */
public final class L2vniLab {

    private final NetnsLab lab;
    private final String router;
    private final String host;
    private final long first;
    private final int count;

    public L2vniLab(NetnsLab lab, String router, String host, long first, int count) {
        this.lab = lab;
        this.router = router;
        this.host = host;
        this.first = first;
        this.count = count;
    }

    /** lo, and per VNI the router bridge, VXLAN and veth end. */
    public Set<String> expectedRouterLinks() {
        Set<String> links = new TreeSet<>(List.of("lo"));
        for (long vni = first; vni < first + count; vni++) {
            links.addAll(List.of("br-pe-" + vni, "vni" + vni, "pe-" + vni));
        }
        return links;
    }

    /** lo, and per VNI the host bridge and veth end. */
    public Set<String> expectedHostLinks() {
        Set<String> links = new TreeSet<>(List.of("lo"));
        for (long vni = first; vni < first + count; vni++) {
            links.addAll(List.of("br-hs-" + vni, "host-" + vni));
        }
        return links;
    }

    public Set<String> routerLinks() {
        return links(router);
    }

    public Set<String> hostLinks() {
        return links(host);
    }

    public int routerLinksStartingWith(String prefix) {
        return (int) routerLinks().stream().filter(n -> n.startsWith(prefix)).count();
    }

    public int hostLinksStartingWith(String prefix) {
        return (int) hostLinks().stream().filter(n -> n.startsWith(prefix)).count();
    }

    /** Link names as {@code ip -br link} prints them, without the {@code @peer} suffix of veths; fails on a duplicate. */
    private Set<String> links(String namespace) {
        Set<String> names = new TreeSet<>();
        List<String> all = new ArrayList<>();
        for (String line : lab.ip(namespace, "-br", "link").split("\n")) {
            if (!line.isBlank()) {
                String name = line.split("\\s+")[0].split("@")[0];
                all.add(name);
                names.add(name);
            }
        }
        assertEquals(all.size(), names.size(), "duplicate link names: " + all);
        return names;
    }

    /** Every gateway bridge has exactly its one gateway address ({@link ProtoPlans#gateway}). */
    public void assertOneGatewayAddressPerBridge() throws IOException {
        JsonNode all = new ObjectMapper().readTree(lab.ip(router, "-j", "-4", "addr", "show"));
        int bridges = 0;
        for (JsonNode link : all) {
            String name = link.get("ifname").asText();
            if (name.startsWith("br-pe-")) {
                bridges++;
                int i = (int) (Long.parseLong(name.substring("br-pe-".length())) - first);
                JsonNode addrs = link.get("addr_info");
                assertEquals(1, addrs.size(), name + " " + addrs);
                assertEquals(ProtoPlans.gateway(i), addrs.get(0).get("local").asText() + "/"
                        + addrs.get(0).get("prefixlen").asInt());
            }
        }
        assertEquals(count, bridges);
    }

    /** Every 37th VNI (a sample across the range): the host veth end and the VXLAN are ports of their bridges. */
    public void assertPortsOnTheirBridges() {
        for (long vni = first; vni < first + count; vni += 37) {
            assertTrue(lab.ip(host, "link", "show", "host-" + vni).contains("master br-hs-" + vni));
            assertTrue(lab.ip(router, "link", "show", "vni" + vni).contains("master br-pe-" + vni));
        }
    }
}
