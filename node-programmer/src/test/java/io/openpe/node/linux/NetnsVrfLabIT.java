package io.openpe.node.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.NodePlan.HostSession;
import io.openpe.node.desired.NodePlan.L2Domain;
import io.openpe.node.desired.NodePlan.L3Domain;
import io.openpe.node.desired.NodePlan.Neighbor;
import io.openpe.node.desired.NodePlan.VethPair;
import io.openpe.node.desired.NodePlan.VxlanPlan;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The netns VRF datapath with real FRR 8.4 (zebra {@code -n}) on this kernel, which has no VRF devices: two nodes of
 * AS 64514 peer iBGP over their NIC {@code toswitch}, both with seed 000's L3VNI red (VNI 100) and L2VNI 110 in VRF
 * red. Node B carries seed 002's host session (192.169.10.0/24, host AS 64515); the BGP speaker on B's host side (a
 * plain FRR) announces 192.168.20.0/24, where the external host 192.168.20.2 answers HTTP on 8090 with the client's
 * address, as the seeds' agnhost {@code /clientip}. The workload on node A's L2VNI 110 (192.170.1.3) reaches it only
 * through VRF red: type-5 routes over VNI 100.
 */
@Tag("root")
class NetnsVrfLabIT {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final String VTEP_A = "100.65.0.0";
    private static final String VTEP_B = "100.65.0.1";

    /** The host-side BGP speaker of node B's host session: announces the external network. */
    private static final String HOST_SPEAKER = """
            hostname host-b
            router bgp 64515
             bgp router-id 192.169.10.2
             no bgp ebgp-requires-policy
             no bgp default ipv4-unicast
             timers bgp 3 9
             neighbor 192.169.10.1 remote-as 64514
             neighbor 192.169.10.1 timers connect 1
             address-family ipv4 unicast
              network 192.168.20.0/24
              neighbor 192.169.10.1 activate
             exit-address-family
            exit
            !
            """;

    /** agnhost's /clientip: the client's address and port as the server saw them. */
    private static final String CLIENT_IP_SERVER = """
            import http.server
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("%s:%d" % self.client_address).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            http.server.HTTPServer(("0.0.0.0", 8090), H).serve_forever()
            """;

    @Test
    void workloadReachesTheHostBehindTheOtherNodesVrfAndRemovalLeavesNothing() throws Exception {
        FrrInstance.requireInstalled();
        try (Lab lab = new Lab()) {
            String ra = lab.namespace("ra");
            String ha = lab.namespace("ha");
            String rb = lab.namespace("rb");
            String hb = lab.namespace("hb");
            String wa = lab.namespace("wa");
            String xb = lab.namespace("xb");
            lab.veth(ha, "toswitch", hb, "toswitch");
            lab.ip(ha, "addr", "add", "192.168.11.3/24", "dev", "toswitch");
            lab.ip(hb, "addr", "add", "192.168.11.4/24", "dev", "toswitch");
            // The external host behind node B's host side.
            lab.veth(hb, "ext0", xb, "eth0");
            lab.ip(hb, "addr", "add", "192.168.20.1/24", "dev", "ext0");
            lab.ip(xb, "addr", "add", "192.168.20.2/24", "dev", "eth0");
            lab.ip(xb, "route", "add", "default", "via", "192.168.20.1");
            lab.exec(hb, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1").orThrow();

            NetnsModeFrr frrA = lab.closing(NetnsModeFrr.start(ra));
            NetnsModeFrr frrB = lab.closing(NetnsModeFrr.start(rb));
            FrrInstance speaker = lab.closing(FrrInstance.start(hb, HOST_SPEAKER));
            NodeEnactor nodeA = enactor(ra, ha, frrA);
            NodeEnactor nodeB = enactor(rb, hb, frrB);

            NodePlan planA = plan("node-a", 0, "10.0.0.1", VTEP_A, "192.168.11.4", false, true);
            NodePlan planB = plan("node-b", 1, "10.0.0.2", VTEP_B, "192.168.11.3", true, true);
            assertNoFailure(nodeA.apply(planA));
            assertNoFailure(nodeB.apply(planB));
            String vrfA = ra + "-vrf-red";
            String vrfB = rb + "-vrf-red";
            assertTrue(Lab.exists(vrfA) && Lab.exists(vrfB), "each node's VRF red is a namespace");
            assertTrue(frrA.vtysh("show vrf").orThrow().stdout().contains("vrf red"), "zebra sees VRF red");

            // The workload on node A's L2VNI 110, as a pod on br-hs-110.
            lab.veth(wa, "eth0", ha, "wl-a");
            lab.ip(wa, "addr", "add", "192.170.1.3/24", "dev", "eth0");
            lab.ip(wa, "route", "add", "default", "via", "192.170.1.1");
            lab.ip(ha, "link", "set", "wl-a", "master", "br-hs-110");

            // Seed 002's host session is Established with the host-side speaker.
            lab.diagnostics(() -> String.join("\n", speaker.vtysh("show bgp summary").stdout(),
                    frrB.vtysh("show bgp vrf red summary").stdout(), frrB.vtysh("show vrf").stdout(),
                    frrB.vtysh("show running-config").stdout(), lab.ip(vrfB, "addr"), lab.ip(hb, "addr"),
                    frrA.vtysh("show bgp l2vpn evpn route").stdout(), frrA.vtysh("show evpn vni").stdout()));
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(() -> speaker
                    .vtysh("show bgp neighbors 192.169.10.1 json").stdout().contains("\"bgpState\":\"Established\""));
            // Type-5 routes both ways: A learns the external network from B, B the workload subnet from A.
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> typeFive(frrA).contains("[192.168.20.0]") && typeFive(frrB).contains("[192.170.1.0]"));
            String routesA = typeFive(frrA);
            String external = routesA.substring(routesA.indexOf("[192.168.20.0]"));
            external = external.substring(0, Math.min(external.length(), 300));
            assertTrue(external.contains(VTEP_B) && external.contains("Rmac:02:00:01:00:00:64")
                    && external.contains("RT:64514:100"), routesA);
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> lab.ip(vrfA, "route", "show", "192.168.20.0/24").contains("proto bgp"));

            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> lab.exec(wa, "ping", "-c", "1", "-W", "1", "192.168.20.2").ok());
            long txBefore = counter(lab, vrfA, "tx");
            long rxBefore = counter(lab, vrfB, "rx");
            assertTrue(lab.exec(wa, "ping", "-c", "5", "-i", "0.2", "-W", "1", "192.168.20.2").ok());
            assertTrue(counter(lab, vrfA, "tx") >= txBefore + 5, "A's vni100 sent the echo requests");
            assertTrue(counter(lab, vrfB, "rx") >= rxBefore + 5, "B's vni100 received them");

            lab.background(xb, "/usr/bin/python3", "-c", CLIENT_IP_SERVER);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> lab.exec(wa,
                    "curl", "-s", "--max-time", "2", "http://192.168.20.2:8090/clientip").stdout()
                    .startsWith("192.170.1.3:"));

            // Unchanged re-apply: nothing written, in the VRF namespaces too, no FRR reload.
            for (var pass : List.of(List.of(nodeA, planA), List.of(nodeB, planB))) {
                Enactment again = ((NodeEnactor) pass.get(0)).apply((NodePlan) pass.get(1));
                assertNoFailure(again);
                assertEquals(0, again.kernelWrites(), () -> "changes: " + again.kernel().changes());
                assertFalse(again.frrReloaded());
            }
            assertTrue(again(nodeA, planA).kernel().capabilities().stream()
                    .anyMatch(c -> c.capability().equals("vrf-datapath") && c.detail().startsWith("netns")));

            // Without the L3VNI (L2VNI 110 loses its VRF): the VRF namespace and everything in it go, and FRR
            // survives it (FRR 8.4.4's zebra -n aborts when a namespace with IPv4 addresses leaves its /run/netns).
            long zebraA = pid(frrA.zebraPidFile());
            long bgpdA = pid(frrA.dir().resolve("bgpd.pid"));
            NodePlan withoutL3 = plan("node-a", 0, "10.0.0.1", VTEP_A, "192.168.11.4", false, false);
            assertNoFailure(nodeA.apply(withoutL3));
            assertFalse(Lab.exists(vrfA), "VRF red's namespace is gone");
            String routerLinks = lab.ip(ra, "-br", "link");
            assertFalse(routerLinks.contains("vni100") || routerLinks.contains("br-pe-100"), routerLinks);
            assertTrue(routerLinks.contains("br-pe-110") && routerLinks.contains("pe-110"), routerLinks);
            assertTrue(lab.ip(ha, "-br", "link").contains("host-110"));
            assertTrue(alive(zebraA) && alive(bgpdA), "zebra and bgpd outlive the removal of VRF red");
            // zebra keeps an inactive "vrf red" entry once a VRF was configured; what matters is that it is bound to
            // nothing and that no configuration is left.
            Exec.Result vrfs = frrA.vtysh("show vrf");
            assertTrue(vrfs.ok() && !vrfs.stdout().contains("vrf red id "), vrfs.stdout() + vrfs.stderr());
            String running = frrA.vtysh("show running-config").orThrow().stdout();
            assertFalse(running.contains("vrf red") || running.contains("vni 100"), running);
            Enactment settled = nodeA.apply(withoutL3);
            assertNoFailure(settled);
            assertEquals(0, settled.kernelWrites(), () -> "changes: " + settled.kernel().changes());
            assertFalse(settled.frrReloaded(), "the settled pass reloads nothing");
            assertTrue(alive(zebraA) && alive(bgpdA), "the same zebra and bgpd");

            // Re-added: the same daemons take the VRF back and the external host answers again.
            assertNoFailure(nodeA.apply(planA));
            await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500)).until(
                    () -> lab.exec(wa, "curl", "-s", "--max-time", "2", "http://192.168.20.2:8090/clientip").stdout()
                            .startsWith("192.170.1.3:"));
            assertTrue(alive(zebraA) && alive(bgpdA), "the same zebra and bgpd after the VRF came back");
        }
    }

    /**
     * Seed 003's VRF rouge holds only the migration L2VNI 666, no L3VNI. zebra -n binds it to its namespace, and the
     * apply must leave that binding alone: an FRR configuration without a {@code vrf rouge} block made frr-reload.py
     * send {@code no netns}, which left rouge inactive for good (and every later apply waiting for it).
     */
    @Test
    void aVrfHoldingOnlyAnL2vniStaysBoundToItsNamespace() throws Exception {
        FrrInstance.requireInstalled();
        try (Lab lab = new Lab()) {
            String ra = lab.namespace("ra");
            String ha = lab.namespace("ha");
            String hb = lab.namespace("hb");
            lab.veth(ha, "toswitch", hb, "toswitch");
            lab.ip(ha, "addr", "add", "192.168.11.3/24", "dev", "toswitch");
            NetnsModeFrr frrA = lab.closing(NetnsModeFrr.start(ra));
            NodeEnactor nodeA = enactor(ra, ha, frrA);
            NodePlan.Underlay underlay = new NodePlan.Underlay(SeedPlans.UNDERLAY, 64514, "10.0.0.1", VTEP_A,
                    List.of("toswitch"), List.of(new Neighbor(64512, "192.168.11.4")), 1500);
            L2Domain migration = new L2Domain(new NodePlan.SourceRef("L2VNI", SeedPlans.NS,
                    "migration-network"), 666, Optional.of("rouge"), false, "br-pe-666",
                    new VxlanPlan("vni666", 666, VTEP_A, 4789), new VethPair("pe-666", "host-666", 1450),
                    Optional.of(new NodePlan.HostBridge("br-hs-666", true)), Optional.empty(), Optional.empty());
            NodePlan plan = new NodePlan("local", "node-a", 1, "hash", Optional.of(underlay), List.of(),
                    List.of(migration), Optional.empty());
            lab.diagnostics(() -> String.join("\n", frrA.vtysh("show vrf").stdout(),
                    frrA.vtysh("show running-config").stdout()));

            assertNoFailure(nodeA.apply(plan));
            assertTrue(Lab.exists(ra + "-vrf-rouge"), "VRF rouge is a namespace");
            Exec.Result vrfs = frrA.vtysh("show vrf");
            assertTrue(vrfs.ok() && vrfs.stdout().contains("vrf rouge id "), "rouge bound after the reload: "
                    + vrfs.stdout() + vrfs.stderr());
            assertTrue(frrA.vtysh("show running-config").orThrow().stdout().contains("vrf rouge\n netns "),
                    "zebra still holds rouge's namespace");

            Enactment again = nodeA.apply(plan);
            assertNoFailure(again);
            assertEquals(0, again.kernelWrites(), () -> "changes: " + again.kernel().changes());
            assertFalse(again.frrReloaded(), "nothing left to reload");
            assertTrue(frrA.vtysh("show vrf").orThrow().stdout().contains("vrf rouge id "), "still bound");
        }
    }

    private static long pid(Path pidFile) throws java.io.IOException {
        return Long.parseLong(Files.readString(pidFile).strip());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Enactment again(NodeEnactor node, NodePlan plan) {
        return node.apply(plan);
    }

    private static NodeEnactor enactor(String router, String host, NetnsModeFrr frr) {
        return new NodeEnactor(Namespaces.of(router, host),
                Optional.of(new FrrControl(FrrTools.in(router, frr.dir(), frr.dir()))),
                new VrfDatapath.Choice(VrfDatapath.NETNS, "configured: netns"), Optional.of(frr.zebraPidFile()));
    }

    /** The plan intent-service makes for node index {@code index}: seed 001/000 (and 002's host session on B). */
    private static NodePlan plan(String node, int index, String routerId, String vtep, String peer,
            boolean hostSession, boolean withL3) {
        NodePlan.Underlay underlay = new NodePlan.Underlay(SeedPlans.UNDERLAY, 64514, routerId, vtep,
                List.of("toswitch"), List.of(new Neighbor(64514, peer)), 1500);
        Optional<HostSession> session = hostSession
                ? Optional.of(new HostSession(new VethPair("pe-100", "host-100", 1450), 64514, 64515,
                        Optional.of("192.169.10.1/24"), Optional.of("192.169.10.2/24"), Optional.empty(),
                        Optional.empty()))
                : Optional.empty();
        L3Domain red = new L3Domain(SeedPlans.RED, "red", 100, "br-pe-100", new VxlanPlan("vni100", 100, vtep, 4789),
                List.of(), List.of(), session, Optional.of("02:00:0" + index + ":00:00:64"));
        L2Domain l2 = new L2Domain(SeedPlans.LAYER2, 110, withL3 ? Optional.of("red") : Optional.empty(), false,
                "br-pe-110", new VxlanPlan("vni110", 110, vtep, 4789), new VethPair("pe-110", "host-110", 1450),
                Optional.of(new NodePlan.HostBridge("br-hs-110", true)), Optional.of("192.170.1.1/24"),
                Optional.of("00:f3:00:00:00:6f"));
        return new NodePlan("local", node, withL3 ? 1 : 2, "hash", Optional.of(underlay),
                withL3 ? List.of(red) : List.of(), List.of(l2), Optional.empty());
    }

    private static String typeFive(NetnsModeFrr frr) {
        Exec.Result result = frr.vtysh("show bgp l2vpn evpn route type prefix");
        return result.ok() ? result.stdout() : "";
    }

    private static long counter(Lab lab, String namespace, String direction) {
        String stats = lab.ip(namespace, "-s", "-j", "link", "show", "vni100");
        int at = stats.indexOf("\"" + direction + "\"");
        int packets = stats.indexOf("\"packets\":", at) + "\"packets\":".length();
        return Long.parseLong(stats.substring(packets, stats.indexOf(',', packets)).strip());
    }

    private static void assertNoFailure(Enactment enactment) {
        assertEquals(List.of(), enactment.results().stream().filter(ObjectResult::failed).toList());
    }

    /**
     * Namespaces {@code nv<4 hex><suffix>} (this helper's prefix), the processes and FRRs started in them; close
     * stops those and deletes every namespace, the nodes' VRF namespaces ({@code <router>-vrf-*}) included.
     */
    static final class Lab implements AutoCloseable {
        private final String prefix;
        private final List<String> namespaces = new ArrayList<>();
        private final List<AutoCloseable> closing = new ArrayList<>();
        private final List<Process> processes = new ArrayList<>();
        private java.util.function.Supplier<String> diagnostics = () -> "";

        /** Printed when the test fails: what the daemons and namespaces looked like. */
        void diagnostics(java.util.function.Supplier<String> supplier) {
            diagnostics = supplier;
        }

        Lab() {
            byte[] random = new byte[2];
            new SecureRandom().nextBytes(random);
            prefix = "nv" + HexFormat.of().formatHex(random);
        }

        String namespace(String suffix) {
            String name = prefix + suffix;
            Exec.run(List.of("ip", "netns", "add", name)).orThrow();
            namespaces.add(name);
            ip(name, "link", "set", "lo", "up");
            return name;
        }

        <T extends AutoCloseable> T closing(T resource) {
            closing.add(resource);
            return resource;
        }

        void veth(String a, String nameA, String b, String nameB) {
            ip(a, "link", "add", nameA, "type", "veth", "peer", "name", nameB, "netns", b);
            ip(a, "link", "set", nameA, "up");
            ip(b, "link", "set", nameB, "up");
        }

        String ip(String namespace, String... args) {
            List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
            argv.addAll(List.of(args));
            return Exec.run(argv).orThrow().stdout();
        }

        Exec.Result exec(String namespace, String... program) {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            argv.addAll(List.of(program));
            return Exec.run(argv);
        }

        void background(String namespace, String... program) throws java.io.IOException {
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
            argv.addAll(List.of(program));
            processes.add(new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }

        static boolean exists(String namespace) {
            return Files.exists(Path.of("/run/netns", namespace));
        }

        @Override
        public void close() throws Exception {
            try {
                System.err.println("lab state at close:\n" + diagnostics.get());
            } catch (RuntimeException e) {
                System.err.println("no diagnostics: " + e);
            }
            processes.forEach(p -> {
                p.destroy();
                p.onExit().join();
            });
            for (AutoCloseable resource : closing.reversed()) {
                resource.close();
            }
            List<String> all = new ArrayList<>(namespaces);
            try (var files = Files.list(Path.of("/run/netns"))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && !all.contains(n))
                        .forEach(all::add);
            }
            for (String namespace : all.reversed()) {
                Exec.run(List.of("ip", "netns", "del", namespace));
            }
        }
    }
}
