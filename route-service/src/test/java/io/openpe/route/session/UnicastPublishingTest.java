package io.openpe.route.session;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.cluster.RouterClusters;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.RibView;
import io.openpe.route.v1.UnicastRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * openpe.publish.unicast-routes: IPv4 unicast routes of a session become UnicastRoute records and tombstones on
 * openpe.unicast-routes, in order; with the switch off (the default) they stay in the RIB only.
 */
class UnicastPublishingTest {

    /**
     * RFC 4271 UPDATE: ORIGIN EGP (1), AS_PATH one AS_SEQUENCE of 65002 65003 (4-byte ASNs, negotiated in
     * {@link BmpStream#PEER_UP}), NEXT_HOP 192.168.0.2, MED 20, LOCAL_PREF 150; NLRI 10.20.0.0/16.
     */
    private static final String ANNOUNCE = BmpEncoding.frame(0, BmpEncoding.globalPeer(0), update("", concat(
            attribute(0x40, 1, "01"),
            attribute(0x40, 2, "02 02 0000fdea 0000fdeb"),
            attribute(0x40, 3, "c0a80002"),
            attribute(0x80, 4, "00000014"),
            attribute(0x40, 5, "00000096")), "10 0a14"));

    /** The same prefix in the withdrawn routes field. */
    private static final String WITHDRAW = BmpEncoding.frame(0, BmpEncoding.globalPeer(0), update("10 0a14", "", ""));

    private static final String KEY = "lab/embedded/192.168.0.2/adj-rib-in-pre-policy/ipv4-unicast/10.20.0.0/16";

    @Test
    void unicastRoutesArePublishedWhenSwitchedOn() throws Exception {
        List<Outbound> records = run(true);
        List<Outbound> unicast = records.stream().filter(r -> r.topic().equals(Topics.UNICAST_ROUTES)).toList();
        assertEquals(2, unicast.size(), "one value and one tombstone: " + unicast);

        UnicastRoute route = (UnicastRoute) unicast.get(0).value();
        assertEquals(KEY, unicast.get(0).key());
        assertEquals(KEY, route.getRouteKey());
        assertEquals("lab", route.getCluster());
        assertEquals("192.168.0.2", route.getPeer().getAddress());
        assertEquals(RibView.RIB_VIEW_ADJ_RIB_IN_PRE_POLICY, route.getView());
        assertEquals("ipv4-unicast", route.getAfiSafi());
        assertEquals("10.20.0.0/16", route.getPrefix());
        assertEquals("192.168.0.2", route.getNextHop());
        assertEquals(List.of(65002, 65003), route.getAsPathList());
        assertEquals(65003, route.getOriginAs());
        assertEquals(1, route.getOrigin());
        assertTrue(route.getHasMed());
        assertEquals(20, route.getMed());
        assertTrue(route.getHasLocalPref());
        assertEquals(150, route.getLocalPref());
        assertEquals(0, route.getPathId());

        assertEquals(KEY, unicast.get(1).key());
        assertNull(unicast.get(1).value());
    }

    @Test
    void unicastRoutesStayInTheRibByDefault() throws Exception {
        List<Outbound> records = run(false);
        assertTrue(records.stream().noneMatch(r -> r.topic().equals(Topics.UNICAST_ROUTES)), records.toString());
        assertTrue(records.stream().allMatch(r -> r.topic().equals(Topics.BMP_EVENTS)), records.toString());
    }

    private static List<Outbound> run(boolean publishUnicast) throws InterruptedException {
        PublishQueue queue = new PublishQueue(100);
        Routers routers = new Routers("lab", queue, new RouterClusters(), publishUnicast);
        EmbeddedChannel channel = EmbeddedSession.of(routers, new SimpleMeterRegistry(), queue,
                Duration.ofSeconds(1), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        channel.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP,
                ANNOUNCE, WITHDRAW)));
        List<Outbound> records = new ArrayList<>(queue.take(100, 1, TimeUnit.SECONDS));
        channel.finishAndReleaseAll();
        return records;
    }
}
