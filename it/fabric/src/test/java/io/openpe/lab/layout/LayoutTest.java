package io.openpe.lab.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private final Layout layout = Layout.of(FabricSpec.seeds("x1", 2));

    @Test
    void nodesGetTheSeedsAddressesAndWhatIntentServiceDerivesForTheirIndex() {
        NodeLayout a0 = layout.node("pe-kind-a-control-plane").orElseThrow();
        NodeLayout a1 = layout.node("pe-kind-a-worker").orElseThrow();
        NodeLayout b1 = layout.node("pe-kind-b-worker").orElseThrow();
        assertEquals(List.of("192.168.11.3/24", "100.65.0.0", "10.0.0.1", 64514L),
                List.of(a0.underlayCidr(), a0.vtepIp(), a0.routerId(), a0.asn()));
        assertEquals(List.of("192.168.11.4/24", "100.65.0.1", "10.0.0.2"),
                List.of(a1.underlayCidr(), a1.vtepIp(), a1.routerId()));
        assertEquals(List.of("192.168.12.4/24", "100.65.1.1", "10.0.1.2", 64518L),
                List.of(b1.underlayCidr(), b1.vtepIp(), b1.routerId(), b1.asn()));
        assertEquals(List.of("x1-a0r", "x1-a0h", "x1-a0m"), List.of(a0.routerNetns(), a0.hostNetns(), a0.rootPort()));
    }

    @Test
    void theExternalHostExistsOnlyWithNetnsVrfsBehindTheFirstClustersLastNode() {
        assertTrue(layout.externalHost().isEmpty());
        assertTrue(!layout.spec().netnsVrfs());
        Layout l3 = Layout.of(FabricSpec.seeds("x1", 2).withNetnsVrfs());
        ExternalHostLayout ext = l3.externalHost().orElseThrow();
        assertEquals(List.of("x1-ext", "pe-kind-a-worker"), List.of(ext.netns(), ext.node().name()));
        assertTrue(l3.namespaces().contains("x1-ext") && !layout.namespaces().contains("x1-ext"));
        String speaker = ext.speakerConfig();
        assertTrue(speaker.contains("router bgp 64515\n") && speaker.contains("bgp listen range 192.169.10.0/24")
                && speaker.contains("network 192.168.20.0/24"), speaker);
        assertTrue(FabricSpec.seeds("x1", 2).withNetnsVrfs().withStateRoot(java.nio.file.Path.of("/tmp/y"))
                .netnsVrfs());
    }

    @Test
    void everyNameCarriesThePrefixAndFitsALinkName() {
        Layout longest = Layout.of(FabricSpec.seeds("abcdefgh", 9));
        List<String> rootLinks = new java.util.ArrayList<>(List.of(longest.managementBridge()));
        longest.nodes().forEach(n -> rootLinks.add(n.rootPort()));
        for (String link : rootLinks) {
            assertTrue(Layout.owns("abcdefgh", link) && link.length() <= 15, link);
        }
        assertTrue(longest.namespaces().stream().allMatch(ns -> Layout.owns("abcdefgh", ns)));
        assertEquals(longest.namespaces().size(), new HashSet<>(longest.namespaces()).size());
        assertTrue(!Layout.owns("ab", "abc-a0r") && Layout.owns("ab", "ab-a0r"));
        assertThrows(IllegalArgumentException.class, () -> FabricSpec.seeds("has-dash", 1));
        assertThrows(IllegalArgumentException.class, () -> FabricSpec.seeds("abcdefghi", 1));
    }

    @Test
    void managementAddressesAreDistinctAndInTheSubnet() {
        List<String> addresses = layout.nodes().stream().map(NodeLayout::managementAddress).toList();
        String net = FabricSpec.defaultManagementSubnet("x1").replace(".0/24", ".");
        assertEquals(List.of(net + "10", net + "11", net + "12", net + "13"), addresses);
        assertEquals(net + "1", layout.managementAddress());
    }

    @Test
    void theLeafPeersWithItsNodesAndTheSpineWithBothLeafs() {
        ClusterLayout b = layout.clusters().get(1);
        String leaf = FabricConfigs.leaf(b, layout);
        assertTrue(leaf.contains("router bgp 64516\n"), leaf);
        assertTrue(leaf.contains(" neighbor 192.168.12.3 remote-as 64518\n"), leaf);
        assertTrue(leaf.contains(" neighbor 192.168.12.4 remote-as 64518\n"), leaf);
        assertTrue(leaf.contains(" neighbor 192.168.255.2 remote-as 64612\n"), leaf);
        assertTrue(leaf.contains(" address-family l2vpn evpn\n  neighbor 192.168.12.3 activate\n"), leaf);
        String spine = FabricConfigs.spine(layout);
        assertTrue(spine.contains("router bgp 64612\n"), spine);
        assertTrue(spine.contains(" neighbor 192.168.255.1 remote-as 64512\n"), spine);
        assertTrue(spine.contains(" neighbor 192.168.255.3 remote-as 64516\n"), spine);
        assertEquals("192.168.255.3/31", b.leafUplinkCidr());
        assertEquals("192.168.255.2/31", b.spineDownlinkCidr());
    }

    @Test
    void workloadsValidateWhatTheBridgeCniNeeds() {
        WorkloadSpec vm = new WorkloadSpec("vm-1", "02:03:04:05:06:07", "192.170.1.3/24", java.util.Optional.empty(),
                110);
        assertEquals(List.of("192.170.1.3", "wl-vm-1", "br-hs-110"), List.of(vm.ip(), vm.hostPort(),
                vm.hostBridge()));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSpec("vm-1", "02:03:04:05:06:0G",
                "192.170.1.3/24", java.util.Optional.empty(), 110));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSpec("a-very-long-name", "02:03:04:05:06:07",
                "192.170.1.3/24", java.util.Optional.empty(), 110));
    }
}
