package io.openpe.node.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster in the seeds' fabric (seed 001): both run AS 64514 and peer eBGP with a top-of-rack
 * router, 192.168.11.2 in AS 64512, over their NIC {@code toswitch}; each is a router and a host namespace with its
 * own FRR 8.4, enacted from the plan intent-service makes for node index 0 and 1 (DESIGN §4: VTEPs 100.65.0.0 and
 * 100.65.0.1, router ids 10.0.0.1 and 10.0.0.2) with seed 002's L2VNI 110. A workload on each node's br-hs-110
 * (192.170.1.3 and 192.170.1.4) pings the other across vni110.
 *
 * <p>The top-of-rack FRR is configured here by hand, as OpenPERouter's kind leaf is, and is the independent party:
 * what it passes on carries AS 64514 in the path, which each node accepts only through {@code allowas-in}. The test
 * shows that too: with the statement removed from node A's running FRR, A loses B's routes; the next pass puts the
 * statement back and they return.
 */
@Tag("root")
class TwoNodeLabIT {

    private static final String MAC_A = "02:00:00:00:0a:03";
    private static final String MAC_B = "02:00:00:00:0b:04";
    private static final String VTEP_A = "100.65.0.0";
    private static final String VTEP_B = "100.65.0.1";
    private static final String LEAF = "192.168.11.2";
    private static final Duration CONVERGE = Duration.ofSeconds(60);

    /**
     * The top-of-rack router: AS 64512, both nodes as eBGP neighbors in IPv4 unicast and L2VPN EVPN; node B's AS
     * is filled in.
     */
    private static final String LEAF_CONFIG = """
            hostname leaf
            router bgp 64512
             bgp router-id 192.168.11.2
             no bgp ebgp-requires-policy
             no bgp default ipv4-unicast
             timers bgp 3 9
             neighbor 192.168.11.3 remote-as 64514
             neighbor 192.168.11.3 timers connect 1
             neighbor 192.168.11.4 remote-as %d
             neighbor 192.168.11.4 timers connect 1
             address-family ipv4 unicast
              neighbor 192.168.11.3 activate
              neighbor 192.168.11.4 activate
             exit-address-family
             address-family l2vpn evpn
              neighbor 192.168.11.3 activate
              neighbor 192.168.11.4 activate
             exit-address-family
            exit
            !
            """;

    @Test
    void nodesBehindAnEbgpLeafLearnEachOtherAndTheirWorkloadsPing() {
        FrrInstance.requireInstalled();
        try (NetnsLab lab = NetnsLab.create(); Fabric fabric = Fabric.up(lab, 64514)) {
            String ra = fabric.ra();
            String wa = fabric.wa();
            FrrInstance tor = fabric.tor();
            FrrInstance frrA = fabric.frrA();
            FrrInstance frrB = fabric.frrB();
            NodeEnactor nodeA = fabric.enactorA();
            NodeEnactor nodeB = fabric.enactorB();
            NodePlan planA = node("node-a", 64514, "10.0.0.1", VTEP_A);
            assertNoFailure(nodeA.apply(planA));
            assertNoFailure(nodeB.apply(node("node-b", 64514, "10.0.0.2", VTEP_B)));
            fabric.workloads();

            // Each node holds the other's VTEP /32 (learned through the leaf) and its type-3 route.
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> bgpRoute(lab, ra, VTEP_B) && bgpRoute(lab, fabric.rb(), VTEP_A)
                            && typeThreeOriginators(frrA).contains(VTEP_B)
                            && typeThreeOriginators(frrB).contains(VTEP_A));
            String leafPaths = tor.vtysh("show bgp l2vpn evpn route type multicast").orThrow().stdout();
            assertTrue(leafPaths.contains("64514"), "the leaf passes on paths with AS 64514: " + leafPaths);

            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> lab.exec(wa, "ping", "-c", "1", "-W", "1", "192.170.1.4").ok());

            // Type-2 routes: each node knows the other's workload MAC behind the other's VTEP.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                    () -> evpnMacs(frrA).contains(MAC_B) && evpnMacs(frrB).contains(MAC_A));
            String macsOnA = frrA.vtysh("show evpn mac vni 110").orThrow().stdout();
            assertTrue(macsOnA.lines().anyMatch(l -> l.contains(MAC_B) && l.contains(VTEP_B)), macsOnA);

            // The traffic crosses vni110 (not the underlay directly): its counters move when the workloads talk.
            long before = txPackets(lab, ra);
            assertTrue(lab.exec(wa, "ping", "-c", "3", "-i", "0.2", "-W", "1", "192.170.1.4").ok());
            assertTrue(txPackets(lab, ra) >= before + 3, "vni110 carried the echo requests");

            // Without allowas-in bgpd denies what the leaf sends ("as-path contains our own AS").
            frrA.vtysh("configure terminal", "router bgp 64514", "address-family ipv4 unicast",
                    "no neighbor " + LEAF + " allowas-in", "exit-address-family", "address-family l2vpn evpn",
                    "no neighbor " + LEAF + " allowas-in").orThrow();
            frrA.vtysh("clear bgp * soft in").orThrow();
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> !typeThreeOriginators(frrA).contains(VTEP_B) && !bgpRoute(lab, ra, VTEP_B));

            // The next pass over the unchanged plan sees the running FRR differ and puts the statement back.
            Enactment repaired = nodeA.apply(planA);
            assertNoFailure(repaired);
            assertTrue(repaired.frrReloaded(), "the running FRR lacked allowas-in");
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> typeThreeOriginators(frrA).contains(VTEP_B) && bgpRoute(lab, ra, VTEP_B));
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> lab.exec(wa, "ping", "-c", "1", "-W", "1", "192.170.1.4").ok());

            // Nothing left to do on a further pass.
            Enactment again = nodeA.apply(planA);
            assertEquals(0, again.kernelWrites());
            assertEquals(false, again.frrReloaded());
        }
    }

    /**
     * Node A in cluster A (AS 64514, as seed 001) and node B in cluster B (AS 64518, VTEPs 100.65.1.0/24, as
     * OpenPERouter's multi-cluster example) stretch L2VNI 110. Neither renders a route target: FRR derives
     * {@code ASN:VNI}, so B's routes carry {@code RT:64518:110} while A imports {@code 64514:110}. They are imported
     * all the same, because an automatic import RT is matched on its local-admin part alone (bgp_evpn.c, see
     * node-programmer DESIGN "Route targets across clusters").
     */
    @Test
    void automaticRouteTargetsImportTheOtherClustersRoutes() {
        FrrInstance.requireInstalled();
        try (NetnsLab lab = NetnsLab.create(); Fabric fabric = Fabric.up(lab, 64518)) {
            assertNoFailure(fabric.enactorA().apply(node("node-a", 64514, "10.0.0.1", VTEP_A)));
            assertNoFailure(fabric.enactorB().apply(node("node-b", 64518, "10.0.1.1", "100.65.1.0")));
            fabric.workloads();

            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> typeThreeOriginators(fabric.frrA()).contains("100.65.1.0")
                            && typeThreeOriginators(fabric.frrB()).contains(VTEP_A));
            String importOnA = fabric.frrA().vtysh("show bgp l2vpn evpn vni 110").orThrow().stdout();
            assertTrue(importOnA.matches("(?s).*Import Route Target:\\s+64514:110\\s.*"), importOnA);
            String fromB = fabric.frrA().vtysh("show bgp l2vpn evpn route type multicast").orThrow().stdout();
            assertTrue(fromB.contains("RT:64518:110"), fromB);
            // Imported into VNI 110: zebra floods to B's VTEP and the workloads reach each other.
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> fabric.frrA().vtysh("show evpn vni 110").stdout().contains("100.65.1.0"));
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> lab.exec(fabric.wa(), "ping", "-c", "1", "-W", "1", "192.170.1.4").ok());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(
                    () -> evpnMacs(fabric.frrA()).contains(MAC_B));
        }
    }

    /**
     * The leaf, two nodes (router and host namespace, FRR in the router namespace) cabled to it over
     * {@code toswitch}, and one workload namespace per node; {@link #close()} stops the three FRRs (the lab
     * removes the namespaces).
     */
    private record Fabric(NetnsLab lab, String ra, String ha, String rb, String hb, String wa, String wb,
            FrrInstance tor, FrrInstance frrA, FrrInstance frrB) implements AutoCloseable {

        static Fabric up(NetnsLab lab, long asnB) {
            String leaf = lab.namespace("leaf");
            String ra = lab.namespace("ra");
            String ha = lab.namespace("ha");
            String rb = lab.namespace("rb");
            String hb = lab.namespace("hb");
            // The underlay: each node's toswitch cabled to a port of the leaf's bridge, which holds 192.168.11.2.
            lab.ip(leaf, "link", "add", "fabric", "type", "bridge");
            lab.ip(leaf, "addr", "add", LEAF + "/24", "dev", "fabric");
            lab.ip(leaf, "link", "set", "fabric", "up");
            lab.veth(ha, "toswitch", leaf, "port-a");
            lab.veth(hb, "toswitch", leaf, "port-b");
            lab.ip(leaf, "link", "set", "port-a", "master", "fabric");
            lab.ip(leaf, "link", "set", "port-b", "master", "fabric");
            lab.ip(ha, "addr", "add", "192.168.11.3/24", "dev", "toswitch");
            lab.ip(hb, "addr", "add", "192.168.11.4/24", "dev", "toswitch");
            List<FrrInstance> started = new ArrayList<>();
            try {
                started.add(FrrInstance.start(leaf, LEAF_CONFIG.formatted(asnB)));
                started.add(FrrInstance.start(ra, "frr defaults datacenter\n!\n"));
                started.add(FrrInstance.start(rb, "frr defaults datacenter\n!\n"));
            } catch (RuntimeException e) {
                started.reversed().forEach(FrrInstance::close);
                throw e;
            }
            return new Fabric(lab, ra, ha, rb, hb, lab.namespace("wa"), lab.namespace("wb"), started.get(0),
                    started.get(1), started.get(2));
        }

        NodeEnactor enactorA() {
            return new NodeEnactor(Namespaces.of(ra, ha),
                    Optional.of(new FrrControl(FrrTools.in(ra, frrA.vtySocketDir(), frrA.dir()))));
        }

        NodeEnactor enactorB() {
            return new NodeEnactor(Namespaces.of(rb, hb),
                    Optional.of(new FrrControl(FrrTools.in(rb, frrB.vtySocketDir(), frrB.dir()))));
        }

        /** 192.170.1.3 on node A's br-hs-110 and 192.170.1.4 on node B's (seed 002's pods). */
        void workloads() {
            workload(lab, wa, ha, MAC_A, "192.170.1.3/24");
            workload(lab, wb, hb, MAC_B, "192.170.1.4/24");
        }

        @Override
        public void close() {
            for (FrrInstance frr : List.of(frrB, frrA, tor)) {
                frr.close();
            }
        }
    }

    /** The plan of node {@code name} as intent-service makes it from seed 001's Underlay and seed 002's L2VNI. */
    private static NodePlan node(String name, long asn, String routerId, String vtep) {
        NodePlan.Underlay underlay = new NodePlan.Underlay(SeedPlans.UNDERLAY, asn, routerId, vtep,
                List.of("toswitch"), List.of(new Neighbor(64512, LEAF)), 1500);
        NodePlan.L2Domain l2 = SeedPlans.l2vni110(Optional.empty(), "192.170.1.1/24");
        NodePlan.L2Domain onThisNode = new NodePlan.L2Domain(l2.source(), 110, Optional.empty(), false, l2.bridge(),
                new NodePlan.VxlanPlan("vni110", 110, vtep, 4789), l2.veth(), l2.hostBridge(), l2.gatewayIp(),
                l2.gatewayMac());
        return new NodePlan("local", name, 1, "hash", Optional.of(underlay), List.of(), List.of(onThisNode),
                Optional.empty());
    }

    /** A workload namespace plugged into br-hs-110 of its node, as the bridge CNI of seed 000 would do. */
    private static void workload(NetnsLab lab, String workload, String host, String mac, String cidr) {
        String port = "wl-" + workload.substring(workload.length() - 2);
        lab.veth(workload, "eth0", host, port);
        lab.ip(workload, "link", "set", "eth0", "address", mac);
        lab.ip(workload, "addr", "add", cidr, "dev", "eth0");
        lab.ip(host, "link", "set", port, "master", "br-hs-110");
    }

    /** Whether the router namespace's kernel routes the VTEP's /32 as installed by bgpd. */
    private static boolean bgpRoute(NetnsLab lab, String router, String vtep) {
        return lab.ip(router, "route", "show", vtep + "/32").contains("proto bgp");
    }

    /** The originator IPs of the type-3 (inclusive multicast) routes in the node's {@code show bgp l2vpn evpn}. */
    private static Set<String> typeThreeOriginators(FrrInstance frr) {
        Exec.Result result = frr.vtysh("show bgp l2vpn evpn json");
        Set<String> originators = new TreeSet<>();
        if (!result.ok()) {
            return originators;
        }
        try {
            JsonNode rds = new ObjectMapper().readTree(result.stdout());
            for (JsonNode rd : rds) {
                Iterator<String> prefixes = rd.isObject() ? rd.fieldNames() : List.<String>of().iterator();
                while (prefixes.hasNext()) {
                    String prefix = prefixes.next();
                    // "[3]:[EthTag]:[IPlen]:[OrigIP]" (bgp_evpn.c prefix2str)
                    if (prefix.startsWith("[3]:")) {
                        String[] parts = prefix.split(":");
                        originators.add(parts[parts.length - 1].replace("[", "").replace("]", ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return originators;
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
