package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.NetnsVrfFleetExtension;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.intent.v1.L2DomainPlan;
import io.openpe.intent.v1.L3DomainPlan;
import io.openpe.intent.v1.NodePlan;
import io.openpe.lab.CommandResult;
import io.openpe.lab.LabCluster;
import io.openpe.lab.LabNode;
import io.openpe.lab.LinkCounters;
import io.openpe.lab.PingResult;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.lab.layout.ExternalHostLayout;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12's removal, re-apply and crash checks on the netns VRF datapath, against the packaged services (the fleet
 * of {@link VmToExternalHostE2E}). The operator removes L3VNI red and L2VNI 110 (its gateway is immutable) on
 * both clusters: on every node the VRF namespace and everything in it go and FRR's zebra and bgpd live on (FRR
 * 8.4.4's zebra {@code -n} used to abort here, node-programmer DESIGN); L2VNI 110 re-added without a VRF carries
 * pings between pods over {@code vni110} in the router namespaces. Red restored, a node-programmer is killed with SIGKILL while it builds the VRF again; restarted,
 * it converges to exactly the plan (namespaces and links) and the external host answers a pod again with the pod's
 * own address; a second restart of the settled node writes nothing, in the VRF namespaces too, and reloads nothing.
 * The test leaves the fleet as it found it.
 */
@Tag("root")
@ExtendWith(NetnsVrfFleetExtension.class)
class L3VniRemovalE2E {

    private static final String VRF = "red";
    private static final String L3_FILE = "l3vni-red.yaml";
    private static final String L2_FILE = "l2vni-layer2.yaml";
    private static final Duration CONVERGE = Duration.ofSeconds(120);
    private static final String CLIENT_IP_URL = "http://" + ExternalHostLayout.ADDRESS + ":"
            + ExternalHostLayout.HTTP_PORT + "/clientip";
    private static final int COUNT = 5;

    /** Seed 000's L2VNI 110 without its VRF (a gateway needs one, so none): a disconnected layer 2 overlay. */
    private static final String LAYER2_WITHOUT_VRF = """
            apiVersion: openpe.openperouter.github.io/v1alpha1
            kind: L2VNI
            metadata:
              name: layer2
              namespace: openperouter-system
            spec:
              hostmaster:
                autocreate: true
                type: bridge
              vni: 110
            """;

    @Test
    void removingL3VniRedLeavesNothingAndFrrLivesOnAndAKilledAgentRebuildsItExactly(Fleet fleet) {
        ExternalHostLayout ext = fleet.lab().externalHost().orElseThrow();
        LabNode gateway = fleet.lab().node(ext.node().name());
        String cluster = gateway.cluster();
        LabNode home = fleet.lab().cluster(cluster).nodes().stream().filter(n -> !n.name().equals(gateway.name()))
                .findFirst().orElseThrow();
        Map<String, String> shipped = new HashMap<>();
        for (LabCluster c : fleet.lab().clusters()) {
            for (String file : List.of(L3_FILE, L2_FILE)) {
                shipped.put(c.name() + "/" + file, read(fleet.root().resolve("k8s/examples").resolve(c.name())
                        .resolve(file)));
            }
        }
        Map<String, List<Long>> frrPids = new HashMap<>();
        try {
            try (Workloads workloads = new Workloads(fleet.lab())) {
                awaitAnswersOwnAddress(workloads.plug(SeedWorkloads.POD_1, home));
            }
            fleet.nodes().forEach(n -> frrPids.put(n.name(), frrPids(n)));

            // L3VNI red and L2VNI 110 (its gateway is immutable, so the L2VNI goes too) removed on both clusters.
            Instant removal = Instant.now();
            for (LabCluster c : fleet.lab().clusters()) {
                fleet.intents(c.name()).remove(L3_FILE);
                fleet.intents(c.name()).remove(L2_FILE);
            }
            for (LabNode node : fleet.nodes()) {
                NodePlan plan = awaitPlan(fleet, node, p -> !hasRed(p) && !hasL2(p));
                awaitConverged(fleet, node, plan, removal);
                assertFalse(Files.exists(Path.of("/run/netns", node.vrfNetns(VRF))), node + " keeps "
                        + node.vrfNetns(VRF));
                for (String link : List.of("vni100", "br-pe-100", "pe-100")) {
                    assertFalse(node.routerIp("link", "show", link).ok(), link + " left on " + node);
                }
                assertFalse(node.hostIp("link", "show", "host-100").ok(), "host-100 left on " + node);
                assertEquals(frrPids.get(node.name()), frrPids(node), node + ": zebra and bgpd are the same"
                        + " processes after VRF red went (pids)");
                String running = node.vtysh("show running-config").orThrow().stdout();
                assertFalse(running.contains("vrf " + VRF) || running.contains("vni 100"), node + ":\n" + running);
            }

            // L2VNI 110 back without a VRF: it lives in the router namespaces and carries pings.
            Instant l2Only = Instant.now();
            for (LabCluster c : fleet.lab().clusters()) {
                fleet.intents(c.name()).put(L2_FILE, LAYER2_WITHOUT_VRF);
            }
            for (LabNode node : fleet.lab().cluster(cluster).nodes()) {
                awaitConverged(fleet, node, awaitPlan(fleet, node, p -> !hasRed(p) && hasL2(p)), l2Only);
            }
            try (Workloads workloads = new Workloads(fleet.lab())) {
                Workload pod1 = workloads.plug(SeedWorkloads.POD_1, home);
                Workload pod2 = workloads.plug(SeedWorkloads.POD_2, gateway);
                Overlay.awaitReachable(pod1, pod2.ip());
                LinkCounters before = home.routerLinkCounters("vni110");
                PingResult ping = pod1.ping(pod2.ip(), COUNT, 0.2);
                LinkCounters after = home.routerLinkCounters("vni110");
                assertEquals(COUNT, ping.received(), "pings over L2VNI 110 after red went: " + ping);
                assertTrue(after.txPackets() - before.txPackets() >= COUNT, home + "'s vni110 carried them");
            }
            for (LabNode node : fleet.nodes()) {
                assertEquals(frrPids.get(node.name()), frrPids(node), node + ": the same zebra and bgpd");
            }
            Instant l2Gone = Instant.now();
            for (LabCluster c : fleet.lab().clusters()) {
                fleet.intents(c.name()).remove(L2_FILE);
            }
            for (LabNode node : fleet.nodes()) {
                awaitConverged(fleet, node, awaitPlan(fleet, node, p -> !hasL2(p)), l2Gone);
            }

            // Red restored; the gateway's node-programmer dies while it builds the VRF namespace again.
            String agent = "node-programmer-" + gateway.name();
            Instant restore = Instant.now();
            restore(fleet, shipped);
            Path vrfNamespace = Path.of("/run/netns", gateway.vrfNetns(VRF));
            await("the VRF namespace of " + gateway + " appears").atMost(CONVERGE).pollInterval(Duration.ofMillis(2))
                    .until(() -> Files.exists(vrfNamespace));
            fleet.kill(agent);
            Set<String> atKill = vrfLinks(gateway);
            NodePlan plan = awaitPlan(fleet, gateway, L3VniRemovalE2E::hasRed);
            Set<String> planned = plannedVrfLinks(plan);
            assertTrue(planned.containsAll(atKill) && !atKill.containsAll(planned),
                    "killed mid-apply: the VRF namespace held " + atKill + " of " + planned);

            fleet.restart(agent);
            awaitConverged(fleet, gateway, plan, restore);
            assertEquals(plannedVrfNamespaces(gateway, plan), vrfNamespaces(gateway), "VRF namespaces of " + gateway);
            assertEquals(planned, vrfLinks(gateway), "links in " + gateway.vrfNetns(VRF));
            for (LabNode node : fleet.nodes()) {
                awaitConverged(fleet, node, awaitPlan(fleet, node, L3VniRemovalE2E::hasRed), restore);
                assertEquals(frrPids.get(node.name()), frrPids(node), node + ": the same zebra and bgpd");
            }
            try (Workloads workloads = new Workloads(fleet.lab())) {
                awaitAnswersOwnAddress(workloads.plug(SeedWorkloads.POD_1, home));
            }

            // The settled node restarted: its first pass reads every namespace and writes nothing.
            Instant again = Instant.now();
            fleet.killAndRestart(agent);
            NodeStatus unchanged = awaitConverged(fleet, gateway, plan, again);
            assertEquals(0, unchanged.getKernelWrites(), "kernel writes of the pass after a restart, VRF namespaces"
                    + " included: " + unchanged.getResultsList());
            assertFalse(unchanged.getFrrReloaded(), "FRR reloaded on an unchanged node");
        } finally {
            restore(fleet, shipped);
        }
    }

    private static void restore(Fleet fleet, Map<String, String> shipped) {
        for (LabCluster c : fleet.lab().clusters()) {
            fleet.intents(c.name()).put(L3_FILE, shipped.get(c.name() + "/" + L3_FILE));
            fleet.intents(c.name()).put(L2_FILE, shipped.get(c.name() + "/" + L2_FILE));
        }
    }

    private static boolean hasRed(NodePlan plan) {
        return plan.getL3DomainsList().stream().anyMatch(d -> d.getVrf().equals(VRF))
                && plan.getL2DomainsList().stream().anyMatch(d -> d.getVrf().equals(VRF));
    }

    private static boolean hasL2(NodePlan plan) {
        return plan.getL2DomainsList().stream().anyMatch(d -> d.getVni() == 110);
    }

    /** The external host answers {@code workload}'s request with the workload's own address (routed, no NAT). */
    private static void awaitAnswersOwnAddress(Workload workload) {
        String own = workload.ip();
        await(workload.name() + " gets its own address from " + CLIENT_IP_URL).atMost(CONVERGE)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    CommandResult got = workload.httpGet(CLIENT_IP_URL);
                    return got.ok() && got.stdout().strip().startsWith(own + ":");
                });
    }

    private static NodePlan awaitPlan(Fleet fleet, LabNode node, java.util.function.Predicate<NodePlan> wanted) {
        String key = Topics.nodeKey(node.cluster(), node.name());
        return await("plan of " + key).atMost(CONVERGE)
                .until(() -> fleet.plans().latest().get(key), p -> p != null && wanted.test(p));
    }

    /** A status published after {@code since} for {@code plan}'s generation, with no failed object. */
    private static NodeStatus awaitConverged(Fleet fleet, LabNode node, NodePlan plan, Instant since) {
        String key = Topics.nodeKey(node.cluster(), node.name());
        return await("node-status of " + key + " at generation " + plan.getGeneration() + " without failures")
                .atMost(CONVERGE).until(() -> fleet.nodeStatus().latest().get(key), s -> s != null
                        && s.getAppliedGeneration() >= plan.getGeneration()
                        && s.getObservedAt().getSeconds() >= since.getEpochSecond()
                        && s.getResultsList().stream().noneMatch(r -> r.getState().name().endsWith("FAILED")));
    }

    /** zebra's and bgpd's pids from their pid files. */
    private static List<Long> frrPids(LabNode node) {
        return Stream.of("zebra", "bgpd").map(d -> Long.parseLong(read(node.frrVtyDir().resolve(d + ".pid")).strip()))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    }

    /** This node's VRF namespaces present in /run/netns. */
    private static Set<String> vrfNamespaces(LabNode node) {
        String prefix = node.vrfNetns("");
        try (Stream<Path> files = Files.list(Path.of("/run/netns"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> plannedVrfNamespaces(LabNode node, NodePlan plan) {
        Set<String> vrfs = new TreeSet<>();
        plan.getL3DomainsList().forEach(d -> vrfs.add(node.vrfNetns(d.getVrf())));
        plan.getL2DomainsList().stream().filter(d -> !d.getVrf().isEmpty())
                .forEach(d -> vrfs.add(node.vrfNetns(d.getVrf())));
        return vrfs;
    }

    /** The links VRF red's namespace holds ({@code lo} aside); empty when the namespace is gone. */
    private static Set<String> vrfLinks(LabNode node) {
        String links;
        try {
            Process ip = new ProcessBuilder("ip", "-n", node.vrfNetns(VRF), "-o", "link", "show")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            links = new String(ip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (ip.waitFor() != 0) {
                return Set.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return links.lines().map(l -> l.split(":\\s+")[1].split("@")[0]).filter(n -> !n.equals("lo"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** What the plan puts in VRF red's namespace: the L3VNI's bridge, VXLAN and host-session veth, each L2VNI's. */
    private static Set<String> plannedVrfLinks(NodePlan plan) {
        Set<String> links = new TreeSet<>();
        for (L3DomainPlan d : plan.getL3DomainsList()) {
            if (d.getVrf().equals(VRF)) {
                links.add(d.getBridge());
                links.add(d.getVxlan().getName());
                if (d.hasHostSession()) {
                    links.add(d.getHostSession().getVeth().getRouterName());
                }
            }
        }
        for (L2DomainPlan d : plan.getL2DomainsList()) {
            if (d.getVrf().equals(VRF)) {
                links.add(d.getBridge());
                links.add(d.getVxlan().getName());
                links.add(d.getVeth().getRouterName());
            }
        }
        return links;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
