package io.openpe.route.bmp;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.evpn.MacIpAdvertisement;
import io.openpe.route.evpn.Vni;
import io.openpe.route.evpn.VniSource;
import io.openpe.route.wire.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * RFC 7854 §4.6 Route Monitoring with the §4.2 per-peer header flags (V, L, A), RFC 8671 O flag, RFC 9069 Loc-RIB
 * peer type 3 with its F flag, and the FRR 8.4 shapes of DESIGN §6.
 */
class Rfc7854RouteMonitoringTest {

    private static RouteMonitoring decode(BmpSessionDecoder decoder, String frame) {
        BmpDecodeResult r = decoder.decode(buf(frame));
        return assertInstanceOf(RouteMonitoring.class,
                assertInstanceOf(BmpDecodeResult.Decoded.class, r, r::toString).message());
    }

    private static RouteMonitoring decode(String frame) {
        return decode(BmpSessionDecoder.standard(), frame);
    }

    @Test
    void frrType2WithZeroLabelTakesItsVniFromTheRouteTarget() {
        RouteMonitoring rm = decode(BmpSamples.ROUTE_MONITORING);
        assertEquals(RibView.ADJ_RIB_IN_PRE_POLICY, rm.peer().view());
        assertEquals(1700000000L, rm.peer().timestampSeconds());
        assertEquals(500, rm.peer().timestampMicros());
        MacIpAdvertisement r = assertInstanceOf(MacIpAdvertisement.class, rm.update().announced().get(0));
        assertEquals("192.168.0.2:2", r.rd().toString());
        assertEquals("aa:bb:cc:00:00:01", r.mac().toString());
        assertTrue(r.label1().isZero());
        assertEquals(IpAddress.parse("192.168.0.2"), rm.update().nextHop(AfiSafi.L2VPN_EVPN).orElseThrow());
        assertEquals("65001:100", rm.update().attributes()
                .extendedCommunities(ExtendedCommunity.RouteTarget.class).get(0).toString());
        assertEquals(new Vni(100, VniSource.ROUTE_TARGET), Vni.of(r, rm.update().attributes()));
        assertEquals(65001, rm.update().attributes().effectiveAsPath().originAs());
    }

    @Test
    void postPolicyAndAdjRibOutFlags() {
        assertEquals(RibView.ADJ_RIB_IN_POST_POLICY,
                decode(BmpSamples.routeMonitoring(BmpEncoding.globalPeer(0x40), BmpSamples.TYPE2_ZERO_LABEL))
                        .peer().view());
        assertEquals(RibView.ADJ_RIB_OUT_PRE_POLICY,
                decode(BmpSamples.routeMonitoring(BmpEncoding.globalPeer(0x10), BmpSamples.TYPE2_ZERO_LABEL))
                        .peer().view());
        assertEquals(RibView.ADJ_RIB_OUT_POST_POLICY,
                decode(BmpSamples.routeMonitoring(BmpEncoding.globalPeer(0x50), BmpSamples.TYPE2_ZERO_LABEL))
                        .peer().view());
    }

    @Test
    void ipv6PeerAddress() {
        String peer = BmpEncoding.perPeer(0, 0x80,                  // V flag: IPv6 peer
                "0000000000000000", "20010db8000000000000000000000002", "0000fde9", "c0a80002", "6553f100",
                "00000000");
        RouteMonitoring rm = decode(BmpSamples.routeMonitoring(peer, BmpSamples.TYPE2_ZERO_LABEL));
        assertTrue(rm.peer().ipv6());
        assertEquals(IpAddress.parse("2001:db8::2"), rm.peer().address());
    }

    @Test
    void aFlagMeansTwoByteAsPath() {
        // Same frame but A flag set and AS_PATH "02 01 fde9" (2-byte 65001).
        String frame = BmpEncoding.frame(0, BmpEncoding.globalPeer(0x20), io.openpe.route.bgp.BgpEncoding.update("",
                io.openpe.route.bgp.BgpEncoding.concat(
                        io.openpe.route.bgp.BgpEncoding.attribute(0x40, 1, "00"),
                        io.openpe.route.bgp.BgpEncoding.attribute(0x40, 2, "02 01 fde9"),
                        BmpSamples.evpnMpReach(BmpSamples.TYPE2_ZERO_LABEL)), ""));
        RouteMonitoring rm = decode(frame);
        assertTrue(rm.peer().twoByteAsPath());
        assertEquals(65001, rm.update().attributes().asPath().orElseThrow().originAs());
    }

    @Test
    void locRibPeerTypeWithFilteredFlag() {
        String peer = BmpEncoding.perPeer(3, 0x80,                  // type 3 Loc-RIB, F flag (same bit as V)
                "0000000000000000", "00000000000000000000000000000000", "0000fde8", "0a000001", "6553f100",
                "00000000");
        RouteMonitoring rm = decode(BmpSamples.routeMonitoring(peer, BmpSamples.TYPE2_ZERO_LABEL));
        assertEquals(RibView.LOC_RIB, rm.peer().view());
        assertTrue(rm.peer().filtered());
        assertFalse(rm.peer().ipv6(), "in Loc-RIB the bit is F, not V");
        assertFalse(rm.peer().isFrrLocalRoutes());
    }

    @Test
    void frrLocalRoutesComeFromPeerZeroWithAsZero() {
        String peer = BmpEncoding.perPeer(0, 0x40,                  // global, post-policy
                "0000000000000000", "00000000000000000000000000000000", // peer address 0.0.0.0
                "00000000", "00000000", "6553f100", "00000000");        // AS 0, BGP id 0
        RouteMonitoring rm = decode(BmpSamples.routeMonitoring(peer, BmpSamples.TYPE2_ZERO_LABEL));
        assertTrue(rm.peer().isFrrLocalRoutes());
        assertEquals(IpAddress.V4_ANY, rm.peer().address());
        assertEquals(RibView.ADJ_RIB_IN_POST_POLICY, rm.peer().view());
    }
}
