package io.openpe.lab;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.lab.layout.FabricSpec;
import io.openpe.lab.layout.Layout;
import io.openpe.lab.layout.WorkloadSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fabric on the real kernel with real FRR. The nodes are configured here the way node-programmer would for the
 * underlay only (toswitch moved into the router namespace, the VTEP on lo, eBGP to the leaf with allowas-in), so that
 * the lab is shown to carry the VTEP /32s between the clusters without any openpe service.
 */
@Tag("root")
class FabricLabIT {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final String PREFIX = "fl";
    private static final String KILLED_PREFIX = "flk";

    private final List<FabricLab> labs = new ArrayList<>();

    @AfterEach
    void removeEverything() {
        labs.forEach(FabricLab::close);
        FabricLab.sweep(PREFIX, FabricSpec.DEFAULT_STATE_ROOT);
        FabricLab.sweep(KILLED_PREFIX, FabricSpec.DEFAULT_STATE_ROOT);
    }

    @Test
    void vtepsOfBothClustersReachEachOtherThroughTheSpineAndTeardownLeavesNothing() {
        requireLab();
        FabricLab lab = up(FabricSpec.seeds(PREFIX, 2));
        for (LabNode node : lab.nodes()) {
            underlayAsNodeProgrammerWould(lab, node);
        }
        // Every node learns every other node's VTEP /32 over BGP: its own cluster's through the leaf (allowas-in),
        // the other cluster's through leaf, spine and the other leaf.
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (LabNode node : lab.nodes()) {
                for (LabNode other : lab.nodes()) {
                    if (other != node) {
                        assertTrue(node.hasBgpRoute(other.vtepIp() + "/32"), node + " lacks " + other.vtepIp());
                    }
                }
            }
        });
        LabNode a0 = lab.cluster("pe-kind-a").node(0);
        LabNode b1 = lab.cluster("pe-kind-b").node(1);
        String path = a0.vtysh("show bgp ipv4 unicast " + b1.vtepIp() + "/32").orThrow().stdout();
        assertTrue(path.contains("64512 64612 64516 64518"), "cluster B's VTEP came over leaf A, spine, leaf B: " + path);
        // Packets between VTEPs, as VXLAN will send them, are forwarded across the spine.
        assertTrue(a0.inRouter("ping", "-c", "2", "-i", "0.2", "-W", "1", "-I", a0.vtepIp(), b1.vtepIp()).ok());
        // The router namespace reaches the root namespace, where route-service's BMP listener binds.
        assertTrue(b1.inRouter("ping", "-c", "1", "-W", "1", lab.bmpAddress()).ok());
        assertEquals("172.31." + lab.bmpAddress().split("\\.")[2] + ".0/24", lab.bmpSourceCidr());

        // A second build by the same process finds everything in place: the same FRR processes keep running.
        long bgpd = FrrDaemons.pid(a0.frrVtyDir(), "bgpd").orElseThrow();
        FabricLab again = FabricLab.up(FabricSpec.seeds(PREFIX, 2));
        assertEquals(bgpd, FrrDaemons.pid(again.node(a0.name()).frrVtyDir(), "bgpd").orElseThrow());
        assertTrue(a0.hasBgpRoute(b1.vtepIp() + "/32"));

        List<ProcessHandle> frr = frrProcesses(lab);
        assertEquals(2 * (lab.nodes().size() + lab.clusters().size() + 1), frr.size());
        lab.close();
        assertEquals(List.of(), FabricLab.leftovers(PREFIX));
        frr.forEach(p -> assertFalse(p.isAlive(), "FRR process " + p.pid() + " still runs"));
        assertFalse(Layout.stateDirectory(lab.layout().spec()).toFile().exists());
    }

    @Test
    void whatAKilledRunLeftIsRemovedAtTheNextStart() throws Exception {
        requireLab();
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FabricLabCommand.class.getName(), "up", "--prefix",
                KILLED_PREFIX, "--nodes", "1").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // the node lines; "ready" follows once every FRR answers
            }
            assertEquals("ready", line, "the child process built its fabric");
        }
        // SIGKILL: no shutdown hook runs, everything stays behind.
        killed.destroyForcibly().waitFor();
        FabricSpec spec = FabricSpec.seeds(KILLED_PREFIX, 1);
        Layout layout = Layout.of(spec);
        assertTrue(FabricLab.leftovers(KILLED_PREFIX).containsAll(layout.namespaces()));
        ProcessHandle orphan = ProcessHandle.of(FrrDaemons.pid(layout.spineFrrDirectory(), "bgpd").orElseThrow())
                .orElseThrow();
        assertTrue(orphan.isAlive());

        FabricLab lab = up(spec);
        assertFalse(orphan.isAlive(), "the dead run's bgpd was stopped");
        assertTrue(lab.spineVtysh("show version").ok());
        lab.close();
        assertEquals(List.of(), FabricLab.leftovers(KILLED_PREFIX));
    }

    @Test
    void aPrefixInUseByALiveProcessIsRefused() throws Exception {
        requireLab();
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FabricLabCommand.class.getName(), "up", "--prefix",
                KILLED_PREFIX, "--nodes", "1").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // wait for the build
            }
            LabException refused = assertThrows(LabException.class,
                    () -> FabricLab.up(FabricSpec.seeds(KILLED_PREFIX, 1)));
            assertTrue(refused.getMessage().contains("in use by running process " + other.pid()),
                    refused.getMessage());
        } finally {
            // SIGTERM: its shutdown hook removes its fabric.
            other.destroy();
            other.waitFor();
        }
        assertEquals(List.of(), FabricLab.leftovers(KILLED_PREFIX));
    }

    @Test
    void workloadsPlugIntoTheHostBridgePingAndMove() {
        requireLab();
        FabricLab lab = up(FabricSpec.seeds(PREFIX, 2));
        LabNode a0 = lab.cluster("pe-kind-a").node(0);
        LabNode a1 = lab.cluster("pe-kind-a").node(1);
        // node-programmer would create br-hs-110; here both workloads share a0's, with no overlay behind it.
        for (LabNode node : List.of(a0, a1)) {
            node.hostIp("link", "add", "br-hs-110", "type", "bridge").orThrow();
            node.hostIp("link", "set", "br-hs-110", "up").orThrow();
        }
        Workload vm1 = lab.plug(SeedWorkloads.VM_1, a0, Duration.ofSeconds(5));
        Workload pod2 = lab.plug(SeedWorkloads.POD_2, a0, Duration.ofSeconds(5));
        assertTrue(a0.hostIp("link", "show", "master", "br-hs-110").orThrow().stdout().contains("wl-vm-1"));
        assertTrue(vm1.reaches(pod2.ip()));
        PingResult three = vm1.ping(pod2.ip(), 3, 0.2);
        assertEquals(new PingResult(3, 3), three);
        assertTrue(vm1.counters().txPackets() >= 4);

        // Moved to a1, whose bridge has no path back to a0: same MAC and address, no replies.
        vm1.moveTo(a1, Duration.ofSeconds(5));
        assertEquals(a1, vm1.node());
        assertFalse(a0.hostIp("link", "show", "master", "br-hs-110").orThrow().stdout().contains("wl-vm-1"));
        String eth0 = lab.workload("vm-1").orElseThrow().netns();
        assertTrue(Shell.ip(eth0, "link", "show", "dev", "eth0").contains(SeedWorkloads.VM_1.mac()));
        assertEquals(0, vm1.ping(pod2.ip(), 2, 0.2).received());
        // The gratuitous ARP went out on a1's bridge.
        assertTrue(vm1.counters().txPackets() >= 1);

        WorkloadSpec late = new WorkloadSpec("late", "02:00:00:00:0c:05", "192.170.1.5/24", Optional.empty(), 120);
        LabException noBridge = assertThrows(LabException.class, () -> lab.plug(late, a0, Duration.ofMillis(300)));
        assertTrue(noBridge.getMessage().contains("br-hs-120 did not appear"), noBridge.getMessage());
        lab.close();
        assertEquals(List.of(), FabricLab.leftovers(PREFIX));
    }

    private FabricLab up(FabricSpec spec) {
        FabricLab lab = FabricLab.up(spec);
        labs.add(lab);
        return lab;
    }

    private static void requireLab() {
        FabricLab.unavailable().ifPresent(reason -> {
            throw new AssertionError(reason + " (or exclude root tests with -DexcludedGroups=root)");
        });
    }

    /** What node-programmer's underlay part does: NIC into the router namespace, VTEP on lo, eBGP to the leaf. */
    private static void underlayAsNodeProgrammerWould(FabricLab lab, LabNode node) {
        LabCluster cluster = lab.cluster(node.cluster());
        node.hostIp("link", "set", "toswitch", "netns", node.routerNetns()).orThrow();
        node.routerIp("addr", "add", node.layout().underlayCidr(), "dev", "toswitch").orThrow();
        node.routerIp("link", "set", "toswitch", "up").orThrow();
        node.routerIp("addr", "add", node.vtepIp() + "/32", "dev", "lo").orThrow();
        node.inRouter("sysctl", "-qw", "net.ipv4.ip_forward=1").orThrow();
        String leaf = cluster.spec().leafAddress();
        node.vtysh("configure terminal", "router bgp " + node.asn(), "bgp router-id " + node.routerId(),
                "no bgp ebgp-requires-policy", "no bgp default ipv4-unicast",
                "neighbor " + leaf + " remote-as " + cluster.spec().leafAsn(),
                "neighbor " + leaf + " timers connect 1", "address-family ipv4 unicast",
                "neighbor " + leaf + " activate", "neighbor " + leaf + " allowas-in",
                "network " + node.vtepIp() + "/32").orThrow();
    }

    private static List<ProcessHandle> frrProcesses(FabricLab lab) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(lab.layout().spineFrrDirectory());
        lab.layout().clusters().forEach(c -> dirs.add(c.leafFrrDirectory()));
        lab.layout().nodes().forEach(n -> dirs.add(n.frrDirectory()));
        List<ProcessHandle> processes = new ArrayList<>();
        for (Path dir : dirs) {
            for (String daemon : List.of("zebra", "bgpd")) {
                FrrDaemons.pid(dir, daemon).flatMap(ProcessHandle::of).ifPresent(processes::add);
            }
        }
        return processes;
    }
}
