package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.v1.BmpEvent;
import io.openpe.route.v1.BmpSession;
import io.openpe.route.v1.Encapsulation;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RibView;
import io.openpe.route.v1.RouteFilter;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.RouteUpdate;
import io.openpe.route.v1.VniSource;
import io.openpe.route.v1.WatchRoutesRequest;
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

            var listed = routes.listRoutes(RouteFilter.newBuilder().setVni(110).setMac("AA:BB:CC:00:00:01").build());
            assertEquals(1, listed.getRoutesCount());
            assertEquals(KEY, listed.getRoutes(0).getRouteKey());
            assertEquals(0, routes.listRoutes(RouteFilter.newBuilder().setVni(111).build()).getRoutesCount());
            assertEquals(1, routes.listRoutes(RouteFilter.newBuilder().setRd("10.0.0.1:2").setRouteType(2)
                    .setIp("10.1.1.10").setRouter("leaf1").setCluster("local").build()).getRoutesCount());

            MacLocation location = routes.locateMac(LocateMacRequest.newBuilder().setVni(110)
                    .setMac("aa:bb:cc:00:00:01").build());
            assertEquals("10.0.0.1", location.getVtep());
            assertEquals("local", location.getCluster());
            assertEquals("127.0.0.2", location.getRouter());
            assertEquals(3, location.getMobilitySequence());
            var missing = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> routes.locateMac(LocateMacRequest.newBuilder().setVni(110).setMac("aa:bb:cc:00:00:02")
                            .build()));
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
            RouteUpdate first = updates.next();
            assertEquals(key, first.getAdded().getRouteKey());
            assertTrue(updates.next().getEndOfDump());
            // The same route with MAC mobility sequence 4 (a move), then its withdrawal.
            leaf.send(BmpStream.bytes(BmpStream.announceType2(BmpEncoding.globalPeer(0), 4, "0a000001"),
                    BmpStream.WITHDRAW));
            RouteUpdate moved = updates.next();
            assertEquals(4, moved.getAdded().getMacMobilitySequence());
            assertEquals(key, updates.next().getWithdrawn());
        }
    }

    private static void assertMetric(String exposition, String name, String label, double atLeast) {
        Pattern line = Pattern.compile("^" + name + "\\{[^}]*" + Pattern.quote(label) + "[^}]*\\} ([0-9.E]+)$",
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
}
