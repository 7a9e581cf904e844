package io.openpe.route.session;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;

import io.openpe.route.bmp.BmpEncoding;

/**
 * Route Monitoring frames announcing or withdrawing a MAC-only type-2 route (RFC 7432 §7.2: RD 10.0.0.1:2, ESI 0,
 * Ethernet tag 0, the MAC, no IP, label 0 as FRR 8.4 sends it) in VNI 110 (route target 65001:110), with a MAC
 * mobility extended community (RFC 7432 §7.7: type 6, subtype 0, flags with 0x01 = sticky, reserved, sequence).
 */
final class MacRouteFrames {

    private MacRouteFrames() {
    }

    /** A per-peer header of a global peer at {@code peerHex} (4 bytes of IPv4), pre- or post-policy. */
    static String peer(String peerHex, int asn, boolean postPolicy) {
        return BmpEncoding.perPeer(0, postPolicy ? 0x40 : 0x00, "0000000000000000",
                "000000000000000000000000" + peerHex, String.format("%08x", asn), peerHex, "6553f100", "00000000");
    }

    /** The NLRI with RD {@code <rdIpHex>:2} and MAC aa:bb:&lt;mac as 4 bytes&gt;. */
    static String nlri(String rdIpHex, int mac) {
        return String.format("02 21 0001 %s 0002 00000000000000000000 00000000 30 aabb%08x 00 000000", rdIpHex,
                mac).replace(" ", "");
    }

    static String nlri(int macLastOctet) {
        return nlri("0a000001", 0xcc000000 | macLastOctet);
    }

    static String announce(String perPeer, int macLastOctet, String nextHopHex, long sequence, boolean sticky) {
        return announce(perPeer, nlri(macLastOctet), nextHopHex, sequence, sticky);
    }

    static String announce(String perPeer, String nlri, String nextHopHex, long sequence, boolean sticky) {
        return BmpEncoding.frame(0, perPeer, update("", concat(
                attribute(0x40, 1, "00"),
                attribute(0x50, 2, ""),
                attribute(0xc0, 16, "00 02 fde9 0000006e" + "03 0c 00000000 0008"
                        + String.format("06 00 %02x 00 %08x", sticky ? 1 : 0, sequence)),
                attribute(0x90, 14, "0019 46 04 " + nextHopHex + " 00" + nlri)), ""));
    }

    static String withdraw(String perPeer, int macLastOctet) {
        return withdraw(perPeer, nlri(macLastOctet));
    }

    static String withdraw(String perPeer, String nlri) {
        return BmpEncoding.frame(0, perPeer, update("", attribute(0x90, 15, "0019 46" + nlri), ""));
    }

    /** Peer Down, reason 2 (local system closed, FSM event 6 follows). */
    static String peerDown(String perPeer) {
        return BmpEncoding.frame(2, perPeer, "02", "0006");
    }
}
