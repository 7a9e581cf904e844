package io.openpe.route.bmp;

import static io.openpe.route.bgp.BgpEncoding.message;
import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.bgp.AfiSafi;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * RFC 7854 §4.1 common header, §4.3 Initiation, §4.5 Termination, §4.7 Route Mirroring, §4.8 Statistics Report,
 * §4.9 Peer Down, and unknown message types.
 */
class Rfc7854MessagesTest {

    private static BmpMessage decoded(String frame) {
        BmpDecodeResult r = BmpSessionDecoder.standard().decode(buf(frame));
        return assertInstanceOf(BmpDecodeResult.Decoded.class, r, () -> r.toString()).message();
    }

    private static BmpDecodeResult.Malformed malformed(String frame) {
        return assertInstanceOf(BmpDecodeResult.Malformed.class, BmpSessionDecoder.standard().decode(buf(frame)));
    }

    @Test
    void initiationCarriesSysDescrAndSysName() {
        Initiation i = assertInstanceOf(Initiation.class, decoded(BmpSamples.INITIATION));
        assertEquals(Optional.of("FRRouting 8.4.4"), i.sysDescr());
        assertEquals(Optional.of("leaf1"), i.sysName());
    }

    @Test
    void terminationWithReason() {
        Termination t = assertInstanceOf(Termination.class, decoded(BmpEncoding.frame(5,
                "0000 0004 62796521",      // string TLV, "bye!"
                "0001 0002 0000")));       // reason TLV: 0, administratively closed
        assertEquals(Optional.of(0), t.reason());
        assertEquals("bye!", t.tlvs().get(0).text());
    }

    @Test
    void unknownMessageTypeIsIgnoredNotRejected() {
        Unknown u = assertInstanceOf(Unknown.class, decoded(BmpEncoding.frame(9, "0102")));
        assertEquals(9, u.type());
        assertEquals("0102", u.body().hex());
    }

    @Test
    void wrongVersionOrLengthEndsTheSession() {
        BmpDecodeResult.Malformed m = malformed("02 00000006 04");            // version 2
        assertTrue(m.fatal());
        assertEquals("BMP version 2 is not 3", m.reason());
        m = malformed("03 00000010 04 0000");                                // says 16 bytes, frame has 8
        assertTrue(m.fatal());
        assertEquals("BMP message length 16 does not match the frame's 8 bytes", m.reason());
    }

    @Test
    void badContentLosesOnlyThatMessage() {
        BmpDecodeResult.Malformed m = malformed(BmpEncoding.frame(4, "0001 0010 41"));  // TLV claims 16 bytes, has 1
        assertFalse(m.fatal());
        assertEquals(4, m.messageType());
        assertEquals("Initiation TLV 1 value: need at least 16 bytes, have 1", m.reason());
    }

    @Test
    void statsReportSkipsFrrPrivateType65531ByLength() {
        StatsReport s = assertInstanceOf(StatsReport.class, decoded(BmpEncoding.frame(1, BmpEncoding.globalPeer(0),
                "00000004",                           // 4 stats
                "0000 0004 00000003",                 // type 0: prefixes rejected by inbound policy = 3
                "0007 0008 00000000000003e8",         // type 7: routes in Adj-RIB-In = 1000 (64-bit gauge)
                "0009 000b 0019 46 0000000000000064", // type 9: per AFI/SAFI (25/70) Adj-RIB-In = 100
                "fffb 0004 00000001")));              // type 65531, FRR private: skipped
        assertEquals(List.of(
                new StatsReport.Statistic(0, null, 3),
                new StatsReport.Statistic(7, null, 1000),
                new StatsReport.Statistic(9, AfiSafi.L2VPN_EVPN, 100)), s.statistics());
        assertEquals(List.of(65531), s.skippedTypes());
    }

    @Test
    void statsCountBeyondTheTlvsIsMalformed() {
        BmpDecodeResult.Malformed m = malformed(BmpEncoding.frame(1, BmpEncoding.globalPeer(0),
                "00000002", "0000 0004 00000003"));   // says 2, has 1
        assertEquals("Statistics Report stat 1 type: need at least 2 bytes, have 0", m.reason());
    }

    @Test
    void peerDownLocalNotification() {
        PeerDown d = assertInstanceOf(PeerDown.class, decoded(BmpEncoding.frame(2, BmpEncoding.globalPeer(0),
                "01",                                 // reason 1: local system closed, NOTIFICATION follows
                message(3, "06 02"))));               // NOTIFICATION: Cease (6) / administrative shutdown (2)
        assertEquals(PeerDown.LOCAL_NOTIFICATION, d.reason());
        assertEquals(6, d.notification().code());
        assertEquals(2, d.notification().subcode());
    }

    @Test
    void peerDownLocalWithoutNotificationCarriesTheFsmEvent() {
        PeerDown d = assertInstanceOf(PeerDown.class, decoded(BmpEncoding.frame(2, BmpEncoding.globalPeer(0),
                "02", "000a")));                      // reason 2, FSM event 10 (hold timer expired)
        assertEquals(10, d.fsmEventCode());
        assertNull(d.notification());
    }

    @Test
    void peerDownRemoteNotification() {
        PeerDown d = assertInstanceOf(PeerDown.class, decoded(BmpEncoding.frame(2, BmpEncoding.globalPeer(0),
                "03", message(3, "04 00"))));         // reason 3, NOTIFICATION hold timer expired
        assertEquals(4, d.notification().code());
    }

    @Test
    void peerDownRemoteNoDataAndDeconfigured() {
        assertEquals(4, assertInstanceOf(PeerDown.class, decoded(BmpEncoding.frame(2, BmpEncoding.globalPeer(0),
                "04"))).reason());
        assertEquals(5, assertInstanceOf(PeerDown.class, decoded(BmpEncoding.frame(2, BmpEncoding.globalPeer(0),
                "05"))).reason());
        assertEquals("Peer Down reason 4: carries no data, has 1 bytes",
                malformed(BmpEncoding.frame(2, BmpEncoding.globalPeer(0), "04 00")).reason());
    }

    @Test
    void routeMirroringKeepsTheMirroredPduRaw() {
        RouteMirroring m = assertInstanceOf(RouteMirroring.class, decoded(BmpEncoding.frame(6,
                BmpEncoding.globalPeer(0),
                "0000 0013 ffffffffffffffffffffffffffffffff 0013 04",  // BGP message TLV: a KEEPALIVE
                "0001 0002 0001")));                                    // information: 1, messages lost
        assertEquals(2, m.tlvs().size());
        assertEquals(RouteMirroring.BGP_MESSAGE, m.tlvs().get(0).type());
        assertEquals(19, m.tlvs().get(0).value().length());
    }
}
