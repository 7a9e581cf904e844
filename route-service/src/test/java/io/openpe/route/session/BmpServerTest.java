package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.v1.BmpEvent;
import io.openpe.route.v1.BmpSession;
import io.openpe.route.v1.Encapsulation;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.ListRoutesRequest;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RibView;
import io.openpe.route.v1.RouteFilter;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.VniSource;
import io.openpe.route.v1.WatchRoutesRequest;
import io.openpe.route.v1.WatchRoutesResponse;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The whole route-service on a real broker, fed over real TCP by hand-built BMP streams: typed routes and tombstones
 * on openpe.evpn-routes, gRPC answers, and malformed input that ends only its own session.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class BmpServerTest {

    /** Cluster "local" (openpe.cluster), router 127.0.0.2, peer 192.168.0.2, pre-policy, then the RFC 7432 key. */
    static final String KEY = "local/127.0.0.2/192.168.0.2/adj-rib-in-pre-policy/10.0.0.1:2/2/0/aa:bb:cc:00:00:01/10.1.1.10";

    @Inject
    BmpServer server;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @GrpcClient("route")
    RouteServiceGrpc.RouteServiceBlockingStub routes;

    @TestHTTPResource("/")
    URI root;

    @Test
    void aMalformedMacQueryIsAnInvalidArgumentNamingEachBrokenFieldWithTheRulesReason() {
        var both = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> routes.locateMac(LocateMacRequest.newBuilder().setMac("aa:bb").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, both.getStatus().getCode());
        assertEquals(List.of(new GrpcErrors.Violation("vni", "must be between 1 and 16777215, got 0"),
                new GrpcErrors.Violation("mac", "must be a MAC address like 00:f3:00:00:00:6f, got \"aa:bb\"")),
                GrpcErrors.violations(both));
        var watch = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                () -> routes.watchMac(io.openpe.route.v1.WatchMacRequest.newBuilder().setVni(110)
                        .setMac("01:00:5e:00:00:01").build()).hasNext());
        assertEquals(Status.Code.INVALID_ARGUMENT, watch.getStatus().getCode());
        assertEquals(List.of("mac"), GrpcErrors.violations(watch).stream().map(GrpcErrors.Violation::field).toList());
        assertTrue(GrpcErrors.violations(watch).getFirst().description().contains("unicast"));
    }

    @Test
    void routeAppearsOnKafkaAndGrpcAndMalformedInputEndsOnlyItsSession() throws Exception {
        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser());
             var events = new TopicTail<>(bootstrapServers, Topics.BMP_EVENTS, BmpEvent.parser());
             var leaf1 = new BmpClient("127.0.0.2", server.port());
             var broken = new BmpClient("127.0.0.3", server.port())) {
            leaf1.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));

            EvpnRoute route = evpn.awaitValue(KEY, r -> true);
            assertEquals("local", route.getCluster());
            assertEquals("127.0.0.2", route.getRouter().getAddress());
            assertEquals("leaf1", route.getRouter().getSysName());
            assertEquals("192.168.0.2", route.getPeer().getAddress());
            assertEquals(65001, route.getPeer().getAsn());
            assertEquals(RibView.RIB_VIEW_ADJ_RIB_IN_PRE_POLICY, route.getView());
            assertEquals(2, route.getRouteType());
            assertEquals(1, route.getRd().getType());
            assertEquals("10.0.0.1:2", route.getRd().getValue());
            assertEquals("aa:bb:cc:00:00:01", route.getMac());
            assertEquals("10.1.1.10", route.getIp());
            assertEquals(List.of(0), route.getLabelsRawList());
            assertEquals(110, route.getVni());
            assertEquals(VniSource.VNI_SOURCE_ROUTE_TARGET, route.getVniSource());
            assertEquals("10.0.0.1", route.getNextHop());
            assertEquals(List.of("65001:110"), route.getRouteTargetsList());
            assertEquals(Encapsulation.ENCAPSULATION_VXLAN, route.getEncapsulation());
            assertTrue(route.getHasMacMobility());
            assertEquals(3, route.getMacMobilitySequence());
            assertEquals(1700000000L, route.getPeerTimestamp().getSeconds());
            assertTrue(route.hasReceivedAt());

            BmpEvent up = events.await(r -> "local/127.0.0.2".equals(r.key()) && r.value().hasPeerUp()).value();
            assertEquals("192.168.0.2", up.getPeerUp().getPeer().getAddress());
            assertTrue(up.getPeerUp().getFourByteAsn());

            var listed = routes.listRoutes(matching(RouteFilter.newBuilder().setVni(110).setMac("AA:BB:CC:00:00:01")));
            assertEquals(1, listed.getRoutesCount());
            assertEquals(KEY, listed.getRoutes(0).getRouteKey());
            assertEquals(0, routes.listRoutes(matching(RouteFilter.newBuilder().setVni(111))).getRoutesCount());
            assertEquals(1, routes.listRoutes(matching(RouteFilter.newBuilder().setRd("10.0.0.1:2").setRouteType(2)
                    .setIp("10.1.1.10").setRouter("leaf1").setCluster("local"))).getRoutesCount());

            MacLocation location = routes.locateMac(LocateMacRequest.newBuilder().setVni(110)
                    .setMac("aa:bb:cc:00:00:01").build()).getLocation();
            assertEquals("10.0.0.1", location.getVtep());
            assertEquals("local", location.getCluster());
            assertEquals("127.0.0.2", location.getRouter());
            assertEquals(3, location.getMobilitySequence());
            var missing = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> routes.locateMac(LocateMacRequest.newBuilder().setVni(110).setMac("aa:bb:cc:00:00:02")
                            .build()).getLocation());
            assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());

            BmpSession session = routes.listSessions(ListSessionsRequest.getDefaultInstance()).getSessionsList()
                    .stream().filter(s -> s.getRouter().getAddress().equals("127.0.0.2")).findFirst().orElseThrow();
            assertEquals("leaf1", session.getRouter().getSysName());
            assertEquals(3, session.getMessages());
            assertEquals(1, session.getRoutes());
            assertEquals("192.168.0.2", session.getPeers(0).getAddress());

            // A Route Monitoring whose UPDATE is cut short (one byte instead of a BGP header) inside an intact frame:
            // counted, the session goes on.
            leaf1.send(BmpStream.bytes(BmpEncoding.frame(0, BmpEncoding.globalPeer(0), "ff")));
            // A second router whose framing breaks (BMP version 4): only its session ends.
            broken.send(BmpStream.bytes(BmpStream.INITIATION, "04 00000006 04"));
            assertTrue(broken.closedByServer());

            leaf1.send(BmpStream.bytes(BmpStream.WITHDRAW));
            evpn.awaitTombstone(KEY);
            assertFalse(leaf1.closedByServer(500), "the well-behaved session stays open");

            String metrics = get("q/metrics");
            assertMetric(metrics, "openpe_bmp_sessions_closed_total", "reason=\"malformed-header\"", 1);
            assertMetric(metrics, "openpe_bmp_malformed_total", "type=\"route-monitoring\"", 1);
        }
    }

    @Test
    void oversizeFrameEndsTheSessionAndItsRoutesAreWithdrawnAfterTheGraceTime() throws Exception {
        String key = "local/127.0.0.5/192.168.0.2/adj-rib-in-pre-policy/10.0.0.1:2/2/0/aa:bb:cc:00:00:01/10.1.1.10";
        try (var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser());
             var leaf = new BmpClient("127.0.0.5", server.port())) {
            leaf.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            evpn.awaitValue(key, r -> true);
            // Length 0x00100000 = 1 MiB > BmpFraming.MAX_FRAME_LENGTH (256 KiB): rejected from the header alone.
            leaf.send(BmpStream.bytes("03 00100000 00"));
            assertTrue(leaf.closedByServer());
            // openpe.bmp.resync-grace is 1 s in tests: nothing re-advertised the route, so it is withdrawn.
            evpn.awaitTombstone(key);
            assertMetric(get("q/metrics"), "openpe_bmp_sessions_closed_total", "reason=\"oversize-frame\"", 1);
        }
    }

    @Test
    void watchStartsWithTheDumpThenStreamsChanges() {
        String key = "local/127.0.0.4/192.168.0.2/adj-rib-in-pre-policy/10.0.0.1:2/2/0/aa:bb:cc:00:00:01/10.1.1.10";
        try (var leaf = new BmpClient("127.0.0.4", server.port());
             var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            leaf.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            evpn.awaitValue(key, r -> true);
            var updates = routes.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).watchRoutes(
                    WatchRoutesRequest.newBuilder().setFilter(RouteFilter.newBuilder().setRouter("127.0.0.4")).build());
            WatchRoutesResponse first = updates.next();
            assertEquals(key, first.getAdded().getRouteKey());
            assertTrue(updates.next().getEndOfDump());
            // The same route with MAC mobility sequence 4 (a move), then its withdrawal.
            leaf.send(BmpStream.bytes(BmpStream.announceType2(BmpEncoding.globalPeer(0), 4, "0a000001"),
                    BmpStream.WITHDRAW));
            WatchRoutesResponse moved = updates.next();
            assertEquals(4, moved.getAdded().getMacMobilitySequence());
            assertEquals(key, updates.next().getWithdrawn());
        }
    }

    @Test
    void aWatchResumesAfterItsTokenWhileBufferedElseDumpsAgain() {
        String key = "local/127.0.0.10/192.168.0.2/adj-rib-in-pre-policy/10.0.0.1:2/2/0/aa:bb:cc:00:00:01/10.1.1.10";
        var filter = RouteFilter.newBuilder().setRouter("127.0.0.10").build();
        try (var leaf = new BmpClient("127.0.0.10", server.port());
             var evpn = new TopicTail<>(bootstrapServers, Topics.EVPN_ROUTES, EvpnRoute.parser())) {
            leaf.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            evpn.awaitValue(key, r -> true);
            var first = routes.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).watchRoutes(
                    WatchRoutesRequest.newBuilder().setFilter(filter).build());
            assertEquals(key, first.next().getAdded().getRouteKey());
            WatchRoutesResponse endOfDump = first.next();
            assertTrue(endOfDump.getEndOfDump());
            assertFalse(endOfDump.getResumeToken().isEmpty());
            leaf.send(BmpStream.bytes(BmpStream.announceType2(BmpEncoding.globalPeer(0), 4, "0a000001")));
            WatchRoutesResponse seq4 = first.next();
            assertEquals(4, seq4.getAdded().getMacMobilitySequence());
            // Two changes the client will have missed: the withdrawal, then sequence 5.
            leaf.send(BmpStream.bytes(BmpStream.WITHDRAW,
                    BmpStream.announceType2(BmpEncoding.globalPeer(0), 5, "0a000001")));
            assertEquals(key, first.next().getWithdrawn());
            assertEquals(5, first.next().getAdded().getMacMobilitySequence());

            var resumed = routes.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).watchRoutes(
                    WatchRoutesRequest.newBuilder().setFilter(filter).setResumeToken(seq4.getResumeToken()).build());
            WatchRoutesResponse marker = resumed.next();
            assertEquals(WatchRoutesResponse.UpdateCase.UPDATE_NOT_SET, marker.getUpdateCase());
            assertEquals(seq4.getResumeToken(), marker.getResumeToken());
            // A resumed stream passes every withdrawal (it cannot know what was shown): skip other routers' ones.
            WatchRoutesResponse next = resumed.next();
            while (next.getUpdateCase() == WatchRoutesResponse.UpdateCase.WITHDRAWN
                    && !next.getWithdrawn().startsWith("local/127.0.0.10/")) {
                next = resumed.next();
            }
            assertEquals(key, next.getWithdrawn());
            assertEquals(5, resumed.next().getAdded().getMacMobilitySequence());

            var unknown = routes.withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS).watchRoutes(
                    WatchRoutesRequest.newBuilder().setFilter(filter).setResumeToken("another-instance:3").build());
            WatchRoutesResponse dumped = unknown.next();
            assertEquals(5, dumped.getAdded().getMacMobilitySequence(), "an unknown token gets a full dump");
            assertTrue(unknown.next().getEndOfDump());
            leaf.send(BmpStream.bytes(BmpStream.WITHDRAW));
        }
    }

    @Test
    void sameMacFromTwoVtepsWithoutSequenceIncreaseIsADuplicateMacEvent() throws Exception {
        try (var events = new TopicTail<>(bootstrapServers, Topics.BMP_EVENTS, BmpEvent.parser());
             var leaf6 = new BmpClient("127.0.0.6", server.port());
             var leaf7 = new BmpClient("127.0.0.7", server.port())) {
            // Router 127.0.0.6 learns aa:bb:cc:00:00:01 in VNI 110 behind VTEP 10.0.0.1, sequence 3.
            leaf6.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, BmpStream.ANNOUNCE));
            events.await(r -> "local/127.0.0.6".equals(r.key()) && r.value().hasPeerUp());
            // Router 127.0.0.7 learns the same MAC behind VTEP 10.0.0.2, also sequence 3: no increase, a duplicate.
            leaf7.send(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP,
                    BmpStream.announceType2(BmpEncoding.globalPeer(0), 3, "0a000002")));
            BmpEvent event = events.await(r -> "local/127.0.0.7".equals(r.key()) && r.value().hasDuplicateMac())
                    .value();
            assertEquals(110, event.getDuplicateMac().getVni());
            assertEquals("aa:bb:cc:00:00:01", event.getDuplicateMac().getMac());
            assertEquals(List.of("10.0.0.1", "10.0.0.2"), event.getDuplicateMac().getLocationsList().stream()
                    .map(MacLocation::getVtep).toList());
            assertEquals(List.of("127.0.0.6", "127.0.0.7"), event.getDuplicateMac().getLocationsList().stream()
                    .map(MacLocation::getRouter).toList());
            assertEquals(3, event.getDuplicateMac().getLocations(1).getMobilitySequence());
            leaf6.send(BmpStream.bytes(BmpStream.WITHDRAW));
            leaf7.send(BmpStream.bytes(BmpStream.WITHDRAW));
        }
    }

    private static void assertMetric(String exposition, String name, String label, double atLeast) {
        Pattern line = Pattern.compile("^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} ([0-9.E]+)( # .*)?$",
                Pattern.MULTILINE);
        var m = line.matcher(exposition);
        assertTrue(m.find(), name + "{" + label + "} missing");
        assertTrue(Double.parseDouble(m.group(1)) >= atLeast, m.group());
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(root.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static ListRoutesRequest matching(RouteFilter.Builder filter) {
        return ListRoutesRequest.newBuilder().setFilter(filter).build();
    }
}
