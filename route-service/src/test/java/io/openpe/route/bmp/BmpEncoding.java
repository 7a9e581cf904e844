package io.openpe.route.bmp;

import io.openpe.route.wire.Hex;

/** Test-side BMP envelopes (RFC 7854): the common header whose length is tedious to count, and sample headers. */
public final class BmpEncoding {

    private BmpEncoding() {
    }

    /** Common header: version 3, 4-byte length including the 6-byte header, type; then the body. */
    public static String frame(int type, String... body) {
        String b = String.join("", body).replace(" ", "");
        return String.format("03%08x%02x", 6 + b.length() / 2, type) + b;
    }

    public static byte[] frameBytes(int type, String... body) {
        return Hex.bytes(frame(type, body));
    }

    /** Builds a per-peer header field by field. */
    public static String perPeer(int peerType, int flags, String distinguisher, String address16, String asn,
                                 String bgpId, String seconds, String micros) {
        return String.format("%02x%02x", peerType, flags) + distinguisher + address16 + asn + bgpId + seconds + micros;
    }

    /** 192.168.0.2 padded to 16 bytes (RFC 7854 §4.2: IPv4 addresses are padded with leading zeros). */
    public static final String ADDR_192_168_0_2 = "000000000000000000000000" + "c0a80002";

    /** Global peer 192.168.0.2, AS 65001, BGP id 192.168.0.2, timestamp 1700000000.000500. */
    public static String globalPeer(int flags) {
        return perPeer(0, flags,
                "0000000000000000",       // peer distinguisher 0
                ADDR_192_168_0_2,         // peer address
                "0000fde9",               // peer AS 65001
                "c0a80002",               // peer BGP id 192.168.0.2
                "6553f100",               // timestamp seconds 1700000000
                "000001f4");              // timestamp microseconds 500
    }
}
