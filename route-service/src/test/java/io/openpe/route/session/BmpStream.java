package io.openpe.route.session;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.message;
import static io.openpe.route.bgp.BgpEncoding.update;

import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.wire.Hex;

/**
 * A hand-built BMP stream of one FRR-like router (RFC 7854), field by field: Initiation, Peer Up of the iBGP EVPN peer
 * 192.168.0.2 (AS 65001, pre-policy Adj-RIB-In), a type-2 MAC/IP route, its withdrawal. Shared by the session, API and
 * decode tests.
 */
public final class BmpStream {

    private BmpStream() {
    }

    /** Initiation: sysDescr "FRRouting 8.4.4", sysName "leaf1" (RFC 7854 §4.3, TLV types 1 and 2). */
    public static final String INITIATION = BmpEncoding.frame(4,
            "0001 000f 4652526f7574696e6720382e342e34",
            "0002 0005 6c65616631");

    /** An OPEN, each capability in its own optional parameter (type 2), hold time 180. */
    static String open(String myAs, String bgpId, String... capabilities) {
        StringBuilder params = new StringBuilder();
        for (String c : capabilities) {
            String cap = c.replace(" ", "");
            params.append(String.format("02%02x", cap.length() / 2)).append(cap);
        }
        return message(1, "04" + myAs + "00b4" + bgpId + String.format("%02x", params.length() / 2) + params);
    }

    /** Peer Up: router 10.0.0.1 (AS 65001) and peer 192.168.0.2 (AS 65001), both with MP L2VPN EVPN and 4-byte AS. */
    public static final String PEER_UP = BmpEncoding.frame(3, BmpEncoding.globalPeer(0),
            "000000000000000000000000 0a000001",           // local address 10.0.0.1
            "b3a2", "00b3",                                   // local port 45986, remote port 179
            open("fde9", "0a000001", "01 04 0019 00 46", "41 04 0000fde9"),   // sent OPEN
            open("fde9", "c0a80002", "01 04 0019 00 46", "41 04 0000fde9"));  // received OPEN

    /**
     * Type 2 NLRI (RFC 7432 §7.2), 37 bytes: RD type 1 10.0.0.1:2, ESI 0, Ethernet tag 0, MAC aa:bb:cc:00:00:01,
     * IPv4 10.1.1.10, label field zero as FRR 8.4 sends it over BMP.
     */
    public static final String TYPE2 = "02 25 0001 0a000001 0002 00000000000000000000 00000000 30 aabbcc000001"
            + " 20 0a01010a 000000";

    /**
     * An UPDATE announcing {@link #TYPE2}: ORIGIN IGP, empty AS_PATH (iBGP), extended communities route target
     * 65001:110 (type 0, subtype 2), encapsulation VXLAN (type 3, subtype 0x0c, tunnel 8), MAC mobility sequence 3
     * (type 6, subtype 0); MP_REACH_NLRI AFI 25 SAFI 70, next hop 10.0.0.1.
     */
    public static String announceType2(String perPeer, int mobilitySequence, String nextHopHex) {
        return BmpEncoding.frame(0, perPeer, update("", concat(
                attribute(0x40, 1, "00"),
                attribute(0x50, 2, ""),
                attribute(0xc0, 16, "00 02 fde9 0000006e"
                        + "03 0c 00000000 0008"
                        + String.format("06 00 00 00 %08x", mobilitySequence)),
                attribute(0x90, 14, "0019 46 04 " + nextHopHex + " 00" + TYPE2.replace(" ", ""))), ""));
    }

    /** An UPDATE whose only attribute is MP_UNREACH_NLRI for L2VPN EVPN withdrawing {@link #TYPE2}. */
    public static String withdrawType2(String perPeer) {
        return BmpEncoding.frame(0, perPeer, update("", attribute(0x90, 15, "0019 46" + TYPE2.replace(" ", "")),
                ""));
    }

    public static final String ANNOUNCE = announceType2(BmpEncoding.globalPeer(0), 3, "0a000001");
    public static final String WITHDRAW = withdrawType2(BmpEncoding.globalPeer(0));

    public static byte[] bytes(String... frames) {
        return Hex.bytes(frames);
    }
}
