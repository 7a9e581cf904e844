package io.openpe.node.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.NodePlan.Neighbor;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.Exec;
import io.openpe.testkit.netns.NetnsLab;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two simulated nodes, each a router and a host namespace with its own FRR 8.4, joined by one underlay link, both
 * with seed L2VNI 110 and a workload on br-hs-110 (192.170.1.3 and 192.170.1.4, as in seed 002). The workloads
 * reach each other over VXLAN and each FRR learns the other's MACs as EVPN type-2 routes.
 */
@Tag("root")
class TwoNodeLabIT {

    private static final String MAC_A = "02:00:00:00:0a:03";
    private static final String MAC_B = "02:00:00:00:0b:04";

    @Test
    void workloadsOnTwoNodesReachEachOtherOverEvpnVxlan() {
        FrrInstance.requireInstalled();
        try (NetnsLab lab = NetnsLab.create()) {
            String ra = lab.namespace("ra");
            String ha = lab.namespace("ha");
            String rb = lab.namespace("rb");
            String hb = lab.namespace("hb");
            String wa = lab.namespace("wa");
            String wb = lab.namespace("wb");
            // The underlay: one NIC per node, cabled to each other, with the seeds' fabric addresses.
            lab.veth(ha, "eth-a", hb, "eth-b");
            lab.ip(ha, "addr", "add", "192.168.11.2/24", "dev", "eth-a");
            lab.ip(hb, "addr", "add", "192.168.11.3/24", "dev", "eth-b");

            try (FrrInstance frrA = FrrInstance.start(ra, "frr defaults datacenter\n!\n");
                    FrrInstance frrB = FrrInstance.start(rb, "frr defaults datacenter\n!\n")) {
                NodeEnactor nodeA = new NodeEnactor(Namespaces.of(ra, ha),
                        Optional.of(new FrrControl(FrrTools.in(ra, frrA.vtySocketDir(), frrA.dir()))));
                NodeEnactor nodeB = new NodeEnactor(Namespaces.of(rb, hb),
                        Optional.of(new FrrControl(FrrTools.in(rb, frrB.vtySocketDir(), frrB.dir()))));

                // Node index 0 and 1 (DESIGN §4): VTEPs 100.65.0.0 and 100.65.0.1, router ids 10.0.0.1 and 10.0.0.2.
                assertNoFailure(nodeA.apply(node("node-a", "10.0.0.1", "100.65.0.0", "eth-a", "192.168.11.3")));
                assertNoFailure(nodeB.apply(node("node-b", "10.0.0.2", "100.65.0.1", "eth-b", "192.168.11.2")));

                workload(lab, wa, ha, MAC_A, "192.170.1.3/24");
                workload(lab, wb, hb, MAC_B, "192.170.1.4/24");

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                        () -> lab.exec(wa, "ping", "-c", "1", "-W", "1", "192.170.1.4").ok());

                // Type-2 routes: each node knows the other's workload MAC behind the other's VTEP.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                        () -> evpnMacs(frrA).contains(MAC_B) && evpnMacs(frrB).contains(MAC_A));
                String macsOnA = frrA.vtysh("show evpn mac vni 110").orThrow().stdout();
                assertTrue(macsOnA.lines().anyMatch(l -> l.contains(MAC_B) && l.contains("100.65.0.1")), macsOnA);
                String routesOnA = frrA.vtysh("show bgp l2vpn evpn route type macip").orThrow().stdout();
                assertTrue(routesOnA.contains(MAC_B), routesOnA);

                // The traffic crosses vni110: its counters move when the workloads talk.
                long before = txPackets(lab, ra);
                assertTrue(lab.exec(wa, "ping", "-c", "3", "-i", "0.2", "-W", "1", "192.170.1.4").ok());
                assertTrue(txPackets(lab, ra) >= before + 3, "vni110 carried the echo requests");

                // Nothing left to do on a second apply.
                Enactment again = nodeA.apply(node("node-a", "10.0.0.1", "100.65.0.0", "eth-a", "192.168.11.3"));
                assertEquals(0, again.kernelWrites());
                assertEquals(false, again.frrReloaded());
            }
        }
    }

    private static NodePlan node(String name, String routerId, String vtep, String nic, String peer) {
        NodePlan.Underlay underlay = new NodePlan.Underlay(SeedPlans.UNDERLAY, 64514, routerId, vtep, List.of(nic),
                List.of(new Neighbor(64514, peer)), 1500);
        NodePlan.L2Domain l2 = SeedPlans.l2vni110(Optional.empty(), "192.170.1.1/24");
        NodePlan.L2Domain onThisNode = new NodePlan.L2Domain(l2.source(), 110, Optional.empty(), false, l2.bridge(),
                new NodePlan.VxlanPlan("vni110", 110, vtep, 4789), l2.veth(), l2.hostBridge(), l2.gatewayIp(),
                l2.gatewayMac());
        return new NodePlan("local", name, 1, "hash", Optional.of(underlay), List.of(), List.of(onThisNode),
                Optional.empty());
    }

    /** A workload namespace plugged into br-hs-110 of its node, as the bridge CNI of seed 000 would do. */
    private static void workload(NetnsLab lab, String workload, String host, String mac, String cidr) {
        lab.veth(workload, "eth0", host, "wl-" + workload.substring(workload.length() - 2));
        lab.ip(workload, "link", "set", "eth0", "address", mac);
        lab.ip(workload, "addr", "add", cidr, "dev", "eth0");
        lab.ip(host, "link", "set", "wl-" + workload.substring(workload.length() - 2), "master", "br-hs-110");
    }

    private static String evpnMacs(FrrInstance frr) {
        Exec.Result result = frr.vtysh("show evpn mac vni 110");
        return result.ok() ? result.stdout() : "";
    }

    private static long txPackets(NetnsLab lab, String router) {
        String stats = lab.ip(router, "-s", "-j", "link", "show", "vni110");
        int tx = stats.indexOf("\"tx\"");
        int packets = stats.indexOf("\"packets\":", tx) + "\"packets\":".length();
        return Long.parseLong(stats.substring(packets, stats.indexOf(',', packets)).strip());
    }

    private static void assertNoFailure(Enactment enactment) {
        assertEquals(List.of(), enactment.results().stream().filter(ObjectResult::failed).toList());
    }
}
