package io.openpe.route.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.openpe.proto.kafka.Topics;
import io.openpe.route.session.BmpServer;
import io.openpe.route.session.TopicTail;
import io.openpe.route.v1.Encapsulation;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.ListRoutesRequest;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RouteFilter;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.VniSource;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.openpe.testkit.netns.Exec;
import io.openpe.testkit.netns.NetnsLab;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two FRR 8.4.4 routers (bgpd -M bmp) in network namespaces with an iBGP EVPN session over a veth, each with bridge
 * br110 + VXLAN vni110 (L2 VNI 110, learning off), both streaming BMP to this route-service over a veth to the test's
 * namespace. A MAC put on router A's bridge must appear, typed, on Kafka and over gRPC, and go away again.
 *
 * <p>With {@code -Dgolden.update=true} the BMP streams router B (iBGP) and router D (eBGP) sent are copied to
 * {@code src/test/resources/io/openpe/route/golden/} ({@link GoldenStreamTest} decodes them).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(FrrEvpnLabIT.Lab.class)
@Tag("root")
class FrrEvpnLabIT {

    static final Path CAPTURES = tempDirectory();
    static final String MAC = "02:aa:bb:00:00:01";
    static final String VTEP_A = "192.168.77.1";
    static final String VTEP_B = "192.168.77.2";
    static final String GOLDEN = "frr-ibgp-evpn-router-b";
    static final String LINK_C = "192.168.78.1";
    static final String LINK_D = "192.168.78.2";
    static final String VTEP_C = "10.78.0.1";
    static final String VTEP_D = "10.78.0.2";
    static final String GOLDEN_EBGP = "frr-ebgp-evpn-router-d";
    static final String VTEP_E = "192.168.79.1";
    static final String VTEP_F = "192.168.79.2";

    public static class Lab implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.cluster", "lab", "openpe.bmp.capture-directory", CAPTURES.toString(),
                    // The routers stream BMP from their veths (172.29, 172.30, 172.31), which no plan names.
                    "openpe.bmp.allowed-cidrs", "172.29.0.0/16,172.30.0.0/15");
        }
    }

    @Inject
    BmpServer server;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @GrpcClient("route")
    RouteServiceGrpc.RouteServiceBlockingStub routes;

    @Test
    void macOnRouterABridgeBecomesATypedType2RouteAndIsWithdrawnAgain() throws Exception {
        assumeTrue(FrrInstance.installed(), "FRR is not installed");
        int octet = 1 + new SecureRandom().nextInt(250);
        String collector = "172.31." + octet + ".1";
        String routerA = "172.31." + octet + ".2";
        String routerB = "172.31." + octet + ".6";
        List<FrrInstance> daemons = new ArrayList<>();
        try (NetnsLab lab = NetnsLab.create();
             var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            try {
                String a = lab.namespace("ra");
                String b = lab.namespace("rb");
                lab.veth(a, "eth0", b, "eth0");
                lab.ip(a, "addr", "add", VTEP_A + "/24", "dev", "eth0");
                lab.ip(b, "addr", "add", VTEP_B + "/24", "dev", "eth0");
                bmpLink(lab, a, lab.prefix() + "a", "172.31." + octet + ".1/30", routerA + "/30");
                bmpLink(lab, b, lab.prefix() + "b", "172.31." + octet + ".5/30", routerB + "/30");
                // FRR first, then the VXLAN device (DESIGN §5: bgpd 8.x can crash if the VNI appears first).
                daemons.add(FrrInstance.start(a, frrConfig("ra", VTEP_A, VTEP_B, collector)));
                daemons.add(FrrInstance.start(b, frrConfig("rb", VTEP_B, VTEP_A, "172.31." + octet + ".5")));
                l2Vni(lab, a, VTEP_A, "pa");
                l2Vni(lab, b, VTEP_B, "pb");

                // Router B's view of router A: what B received from its iBGP peer A, pre-policy.
                String fromA = "lab/" + routerB + "/" + VTEP_A + "/adj-rib-in-pre-policy/";

                // Type 3: A's inclusive multicast route carries VNI 110 in the PMSI label (RFC 8365 §5.1.3).
                EvpnRoute imet = awaitRoute(evpn, fromA, r -> r.getRouteType() == 3);
                assertEquals(VTEP_A, imet.getIp());
                assertEquals(110, imet.getVni());
                assertEquals(VniSource.VNI_SOURCE_PMSI, imet.getVniSource());
                assertEquals(VTEP_A, imet.getPmsi().getTunnelEndpoint());
                assertEquals(6, imet.getPmsi().getTunnelType());

                lab.exec(a, "bridge", "fdb", "add", MAC, "dev", "pa", "master", "static").orThrow();
                EvpnRoute mac = awaitRoute(evpn, fromA, r -> r.getRouteType() == 2 && r.getMac().equals(MAC));
                assertEquals(110, mac.getVni());
                assertTrue(mac.getRd().getValue().startsWith(VTEP_A + ":"), mac.getRd().getValue());
                assertEquals(1, mac.getRd().getType(), "FRR's auto RD is router-id:index (type 1)");
                assertEquals(VTEP_A, mac.getNextHop());
                assertTrue(mac.getRouteTargetsList().contains("65001:110"), mac.getRouteTargetsList().toString());
                assertEquals(Encapsulation.ENCAPSULATION_VXLAN, mac.getEncapsulation());
                assertEquals(65001, mac.getPeer().getAsn());

                var listed = routes.listRoutes(matching(RouteFilter.newBuilder().setVni(110).setMac(MAC)));
                assertFalse(listed.getRoutesList().isEmpty());
                assertTrue(listed.getRoutesList().stream().allMatch(r -> r.getNextHop().equals(VTEP_A)),
                        listed.toString());
                MacLocation location = routes.locateMac(LocateMacRequest.newBuilder().setVni(110).setMac(MAC).build())
                        .getLocation();
                assertEquals(VTEP_A, location.getVtep());
                assertEquals("lab", location.getCluster());
                var sessions = routes.listSessions(ListSessionsRequest.getDefaultInstance()).getSessionsList();
                assertTrue(sessions.stream().anyMatch(s -> s.getRouter().getAddress().equals(routerB)
                        && s.getRouter().getSysName().equals("rb")), sessions.toString());

                lab.exec(a, "bridge", "fdb", "del", MAC, "dev", "pa", "master", "static").orThrow();
                evpn.awaitTombstone(mac.getRouteKey());

                // Stopping the BGP session: router B reports Peer Down for A, and A's routes leave B's RIB.
                daemons.get(0).vtysh("configure terminal", "router bgp 65001",
                        "neighbor " + VTEP_B + " shutdown").orThrow();
                evpn.awaitTombstone(imet.getRouteKey());
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routes.listRoutes(
                        matching(RouteFilter.newBuilder().setRouter(routerB))).getRoutesList().stream()
                        .noneMatch(r -> r.getRouteKey().startsWith(fromA)));
            } finally {
                for (FrrInstance frr : daemons) {
                    frr.close();
                }
            }
        }
        keepCapture(routerB, GOLDEN);
    }

    /**
     * eBGP EVPN between router C (AS 65001) and router D (AS 65002), VTEPs on loopbacks reached over kernel routes (as
     * OpenPERouter lays them out: the BGP session runs on the underlay NIC, the VTEP is a /32 elsewhere). Router D
     * streams BMP. C's type-3 and type-2 routes arrive at D with the VNI, RD, next hop (C's VTEP) and route target
     * 65001:110, and an AS_PATH of [65001] once FRR's prepended 65002 is taken off and marked. A session reset
     * ({@code clear bgp *}) brings C's routes back; the pre-policy copies are the reference, and the post-policy copy
     * of the type-3 route is published again after the reset (re-synced from pre-policy if FRR sent it as a
     * withdrawal). Stopping the session withdraws them.
     */
    @Test
    void ebgpPeerRoutesArriveWithThePeersAsPathAndSurviveASessionReset() throws Exception {
        assumeTrue(FrrInstance.installed(), "FRR is not installed");
        int octet = 1 + new SecureRandom().nextInt(250);
        String collector = "172.30." + octet + ".1";
        String routerC = "172.30." + octet + ".2";
        String routerD = "172.30." + octet + ".6";
        List<FrrInstance> daemons = new ArrayList<>();
        try (NetnsLab lab = NetnsLab.create();
             var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            try {
                String c = lab.namespace("rc");
                String d = lab.namespace("rd");
                lab.veth(c, "eth0", d, "eth0");
                lab.ip(c, "addr", "add", LINK_C + "/24", "dev", "eth0");
                lab.ip(d, "addr", "add", LINK_D + "/24", "dev", "eth0");
                lab.ip(c, "link", "set", "lo", "up");
                lab.ip(d, "link", "set", "lo", "up");
                lab.ip(c, "addr", "add", VTEP_C + "/32", "dev", "lo");
                lab.ip(d, "addr", "add", VTEP_D + "/32", "dev", "lo");
                lab.ip(c, "route", "add", VTEP_D + "/32", "via", LINK_D);
                lab.ip(d, "route", "add", VTEP_C + "/32", "via", LINK_C);
                bmpLink(lab, c, lab.prefix() + "c", "172.30." + octet + ".1/30", routerC + "/30");
                bmpLink(lab, d, lab.prefix() + "d", "172.30." + octet + ".5/30", routerD + "/30");
                daemons.add(FrrInstance.start(c, ebgpConfig("rc", 65001, VTEP_C, LINK_D, 65002, collector)));
                daemons.add(FrrInstance.start(d, ebgpConfig("rd", 65002, VTEP_D, LINK_C, 65001,
                        "172.30." + octet + ".5")));
                l2Vni(lab, c, VTEP_C, "pc");
                l2Vni(lab, d, VTEP_D, "pd");

                String fromCPre = "lab/" + routerD + "/" + LINK_C + "/adj-rib-in-pre-policy/";
                String fromCPost = "lab/" + routerD + "/" + LINK_C + "/adj-rib-in-post-policy/";
                EvpnRoute imet = awaitRoute(evpn, fromCPre, r -> r.getRouteType() == 3);
                assertEquals(VTEP_C, imet.getIp());
                assertEquals(VTEP_C, imet.getNextHop());
                assertEquals(110, imet.getVni());
                assertEquals(VniSource.VNI_SOURCE_PMSI, imet.getVniSource());
                assertTrue(imet.getRd().getValue().startsWith(VTEP_C + ":"), imet.getRd().getValue());
                assertEquals(List.of(65001), imet.getAsPathList(), "FRR's prepended 65002 is taken off");
                assertEquals(65001, imet.getOriginAs());
                assertTrue(imet.getCorrectionsList().contains("frr-ebgp-local-as-prepended"),
                        imet.getCorrectionsList().toString());
                assertEquals(65001, imet.getPeer().getAsn());

                lab.exec(c, "bridge", "fdb", "add", MAC, "dev", "pc", "master", "static").orThrow();
                EvpnRoute mac = awaitRoute(evpn, fromCPre, r -> r.getRouteType() == 2 && r.getMac().equals(MAC));
                assertEquals(110, mac.getVni());
                assertEquals(VniSource.VNI_SOURCE_ROUTE_TARGET, mac.getVniSource());
                assertEquals(1, mac.getRd().getType());
                assertTrue(mac.getRd().getValue().startsWith(VTEP_C + ":"), mac.getRd().getValue());
                assertEquals(VTEP_C, mac.getNextHop());
                assertEquals(List.of("65001:110"), mac.getRouteTargetsList());
                assertEquals(List.of(65001), mac.getAsPathList());
                assertEquals(65001, mac.getOriginAs());

                // Session reset while BMP runs: Peer Down withdraws, the next Peer Up brings the routes back.
                String imetPost = imet.getRouteKey().replace("/adj-rib-in-pre-policy/", "/adj-rib-in-post-policy/");
                awaitLatest(evpn, imetPost, r -> r != null);
                int before = evpn.records().size();
                daemons.get(1).vtysh("clear bgp *").orThrow();
                Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                    List<ConsumerRecord<String, EvpnRoute>> all = evpn.records();
                    return all.subList(before, all.size()).stream()
                            .anyMatch(r -> imet.getRouteKey().equals(r.key()) && r.value() == null);
                });
                awaitLatest(evpn, imet.getRouteKey(), r -> r != null);
                awaitLatest(evpn, imetPost, r -> r != null);

                daemons.get(1).vtysh("configure terminal", "router bgp 65002",
                        "neighbor " + LINK_C + " shutdown").orThrow();
                awaitLatest(evpn, imet.getRouteKey(), r -> r == null);
                awaitLatest(evpn, imetPost, r -> r == null);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routes.listRoutes(
                        matching(RouteFilter.newBuilder().setRouter(routerD))).getRoutesList().stream()
                        .noneMatch(r -> r.getRouteKey().startsWith(fromCPre)
                                || r.getRouteKey().startsWith(fromCPost)));
            } finally {
                for (FrrInstance frr : daemons) {
                    frr.close();
                }
            }
        }
        keepCapture(routerD, GOLDEN_EBGP);
    }

    private static EvpnRoute awaitRoute(TopicTail<EvpnRoute> evpn, String keyPrefix,
            java.util.function.Predicate<EvpnRoute> condition) {
        ConsumerRecord<String, EvpnRoute> record = evpn.await(Duration.ofSeconds(90),
                r -> r.key().startsWith(keyPrefix) && r.value() != null && condition.test(r.value()));
        return record.value();
    }

    /**
     * Router F without {@code soft-reconfiguration inbound}: FRR keeps no Adj-RIB-In, so the pre-policy copy of E's
     * MAC route arrives as a withdrawal (bmp_wrqueue finds no adj_in) while the post-policy copy is an announcement.
     * route-service counts the withdrawal in openpe_bmp_withdrawals_unannounced_total{view="adj-rib-in-pre-policy"}
     * and publishes no pre-policy route of E.
     */
    @Test
    void withoutSoftReconfigurationPrePolicyUpdatesArriveAsWithdrawalsAndAreCounted() throws Exception {
        assumeTrue(FrrInstance.installed(), "FRR is not installed");
        int octet = 1 + new SecureRandom().nextInt(250);
        String routerE = "172.29." + octet + ".2";
        String routerF = "172.29." + octet + ".6";
        List<FrrInstance> daemons = new ArrayList<>();
        try (NetnsLab lab = NetnsLab.create();
             var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            try {
                String e = lab.namespace("re");
                String f = lab.namespace("rf");
                lab.veth(e, "eth0", f, "eth0");
                lab.ip(e, "addr", "add", VTEP_E + "/24", "dev", "eth0");
                lab.ip(f, "addr", "add", VTEP_F + "/24", "dev", "eth0");
                bmpLink(lab, e, lab.prefix() + "e", "172.29." + octet + ".1/30", routerE + "/30");
                bmpLink(lab, f, lab.prefix() + "f", "172.29." + octet + ".5/30", routerF + "/30");
                String configE = frrConfig("re", VTEP_E, VTEP_F, "172.29." + octet + ".1")
                        .replace("  neighbor " + VTEP_F + " soft-reconfiguration inbound\n", "");
                String configF = frrConfig("rf", VTEP_F, VTEP_E, "172.29." + octet + ".5")
                        .replace("  neighbor " + VTEP_E + " soft-reconfiguration inbound\n", "");
                assertFalse(configF.contains("soft-reconfiguration"), configF);
                daemons.add(FrrInstance.start(e, configE));
                daemons.add(FrrInstance.start(f, configF));
                l2Vni(lab, e, VTEP_E, "pe");
                l2Vni(lab, f, VTEP_F, "pf");
                String fromEPost = "lab/" + routerF + "/" + VTEP_E + "/adj-rib-in-post-policy/";
                String fromEPre = "lab/" + routerF + "/" + VTEP_E + "/adj-rib-in-pre-policy/";
                awaitRoute(evpn, fromEPost, r -> r.getRouteType() == 3);
                double before = unannouncedPrePolicyWithdrawals();

                // A route added now is sent live (bmp_wrqueue), not in the table sync that skips missing adj_in.
                lab.exec(e, "bridge", "fdb", "add", MAC, "dev", "pe", "master", "static").orThrow();
                awaitRoute(evpn, fromEPost, r -> r.getRouteType() == 2 && r.getMac().equals(MAC));
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> unannouncedPrePolicyWithdrawals() > before);
                assertTrue(routes.listRoutes(matching(RouteFilter.newBuilder().setRouter(routerF))).getRoutesList()
                        .stream().noneMatch(r -> r.getRouteKey().startsWith(fromEPre)), "no pre-policy route of E");
            } finally {
                for (FrrInstance frr : daemons) {
                    frr.close();
                }
            }
        }
    }

    private double unannouncedPrePolicyWithdrawals() {
        var counter = meters.find("openpe.bmp.withdrawals.unannounced").tag("view", "adj-rib-in-pre-policy")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** Waits until the newest record of {@code key} (null for a tombstone) satisfies {@code condition}. */
    private static void awaitLatest(TopicTail<EvpnRoute> evpn, String key,
            java.util.function.Predicate<EvpnRoute> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
            EvpnRoute latest = null;
            boolean seen = false;
            for (ConsumerRecord<String, EvpnRoute> r : evpn.records()) {
                if (key.equals(r.key())) {
                    latest = r.value();
                    seen = true;
                }
            }
            return seen && condition.test(latest);
        });
    }

    /** A veth from the test's namespace to the router's, the collector's address on the test side. */
    private static void bmpLink(NetnsLab lab, String namespace, String rootName, String rootAddress,
            String routerAddress) {
        Exec.run(List.of("ip", "link", "add", rootName, "type", "veth", "peer", "name", "bmp0", "netns", namespace))
                .orThrow();
        Exec.run(List.of("ip", "addr", "add", rootAddress, "dev", rootName)).orThrow();
        Exec.run(List.of("ip", "link", "set", rootName, "up")).orThrow();
        lab.ip(namespace, "addr", "add", routerAddress, "dev", "bmp0");
        lab.ip(namespace, "link", "set", "bmp0", "up");
    }

    /** br110 with VXLAN vni110 (learning off, local = VTEP) and a veth port whose other end stays in the router. */
    private static void l2Vni(NetnsLab lab, String namespace, String vtep, String port) {
        lab.ip(namespace, "link", "add", "br110", "type", "bridge");
        lab.ip(namespace, "link", "set", "br110", "up");
        lab.ip(namespace, "link", "add", "vni110", "type", "vxlan", "id", "110", "local", vtep, "dstport", "4789",
                "nolearning");
        lab.ip(namespace, "link", "set", "vni110", "master", "br110");
        lab.ip(namespace, "link", "set", "vni110", "up");
        lab.ip(namespace, "link", "add", port, "type", "veth", "peer", "name", port + "x");
        lab.ip(namespace, "link", "set", port, "master", "br110");
        lab.ip(namespace, "link", "set", port, "up");
        lab.ip(namespace, "link", "set", port + "x", "up");
    }

    private String frrConfig(String hostname, String self, String neighbor, String collector) {
        return """
                frr defaults datacenter
                hostname %1$s
                !
                router bgp 65001
                 bgp router-id %2$s
                 no bgp default ipv4-unicast
                 neighbor %3$s remote-as 65001
                 !
                 address-family l2vpn evpn
                  neighbor %3$s activate
                  neighbor %3$s soft-reconfiguration inbound
                  advertise-all-vni
                 exit-address-family
                 !
                 bmp targets openpe
                  bmp monitor l2vpn evpn pre-policy
                  bmp monitor l2vpn evpn post-policy
                  bmp connect %4$s port %5$d min-retry 100 max-retry 1000
                 exit
                exit
                !
                """.formatted(hostname, self, neighbor, collector, server.port());
    }

    private String ebgpConfig(String hostname, int asn, String routerId, String neighbor, int neighborAs,
            String collector) {
        return """
                frr defaults datacenter
                hostname %1$s
                !
                router bgp %2$d
                 bgp router-id %3$s
                 no bgp default ipv4-unicast
                 neighbor %4$s remote-as %5$d
                 !
                 address-family l2vpn evpn
                  neighbor %4$s activate
                  neighbor %4$s soft-reconfiguration inbound
                  advertise-all-vni
                 exit-address-family
                 !
                 bmp targets openpe
                  bmp monitor l2vpn evpn pre-policy
                  bmp monitor l2vpn evpn post-policy
                  bmp connect %6$s port %7$d min-retry 100 max-retry 1000
                 exit
                exit
                !
                """.formatted(hostname, asn, routerId, neighbor, neighborAs, collector, server.port());
    }

    private static void keepCapture(String router, String scenario) throws IOException {
        Path capture = CAPTURES.resolve(router + ".bin");
        assertTrue(Files.size(capture) > 0, "BMP bytes of router " + router + " were captured");
        if (Boolean.getBoolean("golden.update")) {
            Path golden = Path.of("src/test/resources/io/openpe/route/golden");
            Files.createDirectories(golden);
            Files.copy(capture, golden.resolve(scenario + ".bin"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("opt-bmp-capture-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ListRoutesRequest matching(RouteFilter.Builder filter) {
        return ListRoutesRequest.newBuilder().setFilter(filter).build();
    }
}
