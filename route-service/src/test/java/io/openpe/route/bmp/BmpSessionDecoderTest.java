package io.openpe.route.bmp;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.openpe.route.bgp.Nlri;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.evpn.MacIpAdvertisement;
import org.junit.jupiter.api.Test;

/** The session keeps each peer's Peer Up context for its Route Monitoring (RFC 7854 + RFC 7911), and counts. */
class BmpSessionDecoderTest {

    /** A Peer Up where the peer sends path ids for EVPN and the router receives them. */
    private static final String PEER_UP_ADD_PATH = BmpSamples.peerUp(BmpEncoding.globalPeer(0), BmpSamples.SENT_OPEN,
            BmpSamples.open("fde9", "c0a80002", BmpSamples.CAP_MP_L2VPN_EVPN, BmpSamples.fourOctetAs("0000fde9"),
                    BmpSamples.CAP_ADD_PATH_EVPN_BOTH));

    /** The same type-2 route preceded by path id 7. */
    private static final String RM_WITH_PATH_ID = BmpSamples.routeMonitoring(BmpEncoding.globalPeer(0),
            "00000007 " + BmpSamples.TYPE2_ZERO_LABEL);

    private static BmpMessage message(BmpDecodeResult r) {
        return assertInstanceOf(BmpDecodeResult.Decoded.class, r, r::toString).message();
    }

    @Test
    void pathIdsAreReadAfterAPeerUpThatNegotiatedThem() {
        BmpSessionDecoder session = BmpSessionDecoder.standard();
        message(session.decode(buf(PEER_UP_ADD_PATH)));
        RouteMonitoring rm = (RouteMonitoring) message(session.decode(buf(RM_WITH_PATH_ID)));
        assertEquals(7, rm.update().announced().get(0).pathId());
    }

    @Test
    void withoutAPeerUpThereAreNoPathIds() {
        BmpSessionDecoder session = BmpSessionDecoder.standard();
        RouteMonitoring rm = (RouteMonitoring) message(session.decode(buf(BmpSamples.ROUTE_MONITORING)));
        assertEquals(Nlri.NO_PATH_ID, rm.update().announced().get(0).pathId());
        // The path-id form read without path ids: type 0 length 0, type 0 length 7, then garbage: malformed.
        assertInstanceOf(BmpDecodeResult.Malformed.class, session.decode(buf(RM_WITH_PATH_ID)));
    }

    @Test
    void frrModeIgnoresNegotiatedAddPath() {
        // FRR 8.4 never encodes the path id even when negotiated (DESIGN §6).
        BmpSessionDecoder session = new BmpSessionDecoder(EvpnNlriDecoder.withUnicast(), AddPathMode.NEVER);
        message(session.decode(buf(PEER_UP_ADD_PATH)));
        RouteMonitoring rm = (RouteMonitoring) message(session.decode(buf(BmpSamples.ROUTE_MONITORING)));
        MacIpAdvertisement r = (MacIpAdvertisement) rm.update().announced().get(0);
        assertEquals(Nlri.NO_PATH_ID, r.pathId());
        assertEquals("aa:bb:cc:00:00:01", r.mac().toString());
    }

    @Test
    void peerDownForgetsTheContext() {
        BmpSessionDecoder session = BmpSessionDecoder.standard();
        message(session.decode(buf(PEER_UP_ADD_PATH)));
        message(session.decode(buf(BmpEncoding.frame(2, BmpEncoding.globalPeer(0), "04"))));
        RouteMonitoring rm = (RouteMonitoring) message(session.decode(buf(BmpSamples.ROUTE_MONITORING)));
        assertEquals(Nlri.NO_PATH_ID, rm.update().announced().get(0).pathId());
    }

    @Test
    void countsWhatWasKeptRawOrSkipped() {
        BmpSessionDecoder session = BmpSessionDecoder.standard();
        session.decode(buf(BmpSamples.INITIATION));
        session.decode(buf(BmpSamples.ROUTE_MONITORING));
        session.decode(buf(BmpSamples.routeMonitoring(BmpEncoding.globalPeer(0), "06 01 ff")));   // EVPN type 6
        session.decode(buf(BmpEncoding.frame(1, BmpEncoding.globalPeer(0), "00000001", "fffb 0004 00000001")));
        session.decode(buf(BmpEncoding.frame(9)));
        session.decode(buf("03 00000007 04"));                                                   // short frame
        DecodeCounters c = session.counters();
        assertEquals(6, c.messages());
        assertEquals(1, c.malformed());
        assertEquals(1, c.unknownMessageTypes());
        assertEquals(1, c.unknownNlri());
        assertEquals(1, c.skippedStatistics());
        assertEquals(2, c.routesAnnounced());
    }
}
