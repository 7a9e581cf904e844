package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** RFC 7432 §7.2 MAC/IP Advertisement route, every length variant. */
class Rfc7432RouteType2Test {

    private static MacIpAdvertisement decode(String... nlri) {
        ByteBuf b = buf(nlri);
        EvpnRoute r = EvpnNlriDecoder.decodeOne(b, false);
        assertFalse(b.isReadable(), "the route consumes exactly its declared length");
        return (MacIpAdvertisement) r;
    }

    @Test
    void macOnlyWithOneLabel() {
        MacIpAdvertisement r = decode(EvpnVectors.TYPE2_MAC_ONLY);
        assertEquals(2, r.routeType());
        assertEquals("10.0.0.1:2", r.rd().toString());
        assertEquals(Esi.ZERO, r.esi());
        assertEquals(0, r.ethernetTag());
        assertEquals(MacAddress.parse("aa:bb:cc:dd:ee:ff"), r.mac());
        assertNull(r.ip());
        assertEquals(100, r.label1().vni());
        assertNull(r.label2());
        assertEquals(Nlri.NO_PATH_ID, r.pathId());
        assertEquals("10.0.0.1:2/2/0/aa:bb:cc:dd:ee:ff", r.key().text());
    }

    @Test
    void ipv4WithOneLabel() {
        MacIpAdvertisement r = decode(EvpnVectors.TYPE2_IPV4_ONE_LABEL);
        assertEquals("10.1.1.5", r.ip().toString());
        assertEquals(100, r.label1().vni());
        assertNull(r.label2());
        assertEquals("10.0.0.1:2/2/0/aa:bb:cc:dd:ee:ff/10.1.1.5", r.key().text());
    }

    @Test
    void ipv4WithTwoLabels() {
        MacIpAdvertisement r = decode(EvpnVectors.TYPE2_IPV4_TWO_LABELS);
        assertEquals("10.1.1.5", r.ip().toString());
        assertEquals(100, r.label1().vni());
        assertEquals(200, r.label2().vni());
    }

    @Test
    void ipv6WithOneLabel() {
        MacIpAdvertisement r = decode(EvpnVectors.TYPE2_IPV6_ONE_LABEL);
        assertEquals("fd00::5", r.ip().toString());
        assertNull(r.label2());
    }

    @Test
    void ipv6WithTwoLabels() {
        MacIpAdvertisement r = decode(EvpnVectors.TYPE2_IPV6_TWO_LABELS);
        assertEquals("fd00::5", r.ip().toString());
        assertEquals(200, r.label2().vni());
        assertEquals("10.0.0.1:2/2/0/aa:bb:cc:dd:ee:ff/fd00::5", r.key().text());
    }

    @Test
    void addPathPutsTheFourBytePathIdBeforeTheRouteType() {
        ByteBuf b = buf("00000007", String.join("", EvpnVectors.TYPE2_MAC_ONLY)); // path id 7, then the route
        MacIpAdvertisement r = (MacIpAdvertisement) EvpnNlriDecoder.decodeOne(b, true);
        assertEquals(7, r.pathId());
        assertEquals("10.0.0.1:2/2/0/aa:bb:cc:dd:ee:ff#7", r.key().text());
        assertFalse(b.isReadable());
    }

    @Test
    void keyIgnoresEsiAndLabelsButNotTheIp() {
        MacIpAdvertisement a = decode(EvpnVectors.TYPE2_IPV4_ONE_LABEL);
        MacIpAdvertisement otherLabelAndEsi = new MacIpAdvertisement(a.pathId(), a.rd(), new Esi(1L << 56, 5),
                a.ethernetTag(), a.mac(), a.ip(), Label.of(999), Label.of(5));
        assertEquals(a.key(), otherLabelAndEsi.key());
        assertNotEquals(a.key(), decode(EvpnVectors.TYPE2_MAC_ONLY).key());
        assertNotEquals(a.key(), decode(EvpnVectors.TYPE2_IPV6_ONE_LABEL).key());
    }

    @Test
    void shortValueSaysHowManyBytesTheTypeNeeds() {
        DecodeException e = assertThrows(DecodeException.class, () -> decode(
                "02", "14",                              // type 2, length 20
                EvpnVectors.RD, "00000000000000000000", "00000000"));
        assertEquals("EVPN type 2: need at least 33 bytes, have 20", e.reason());
    }

    @Test
    void macLengthOtherThan48IsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> decode(
                "02", "21", EvpnVectors.RD, "00000000000000000000", "00000000",
                "28", "aabbccddeeff",                    // MAC length 40: RFC 7432 §7.2 fixes it at 48
                "00", "000064"));
        assertEquals("EVPN type 2: MAC address length 40 bits is not 48", e.reason());
    }

    @Test
    void ipLengthOtherThan0Or32Or128IsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> decode(
                "02", "24", EvpnVectors.RD, "00000000000000000000", "00000000", "30", "aabbccddeeff",
                "18", "0a0101",                          // IP length 24
                "000064"));
        assertEquals("EVPN type 2: IP address length 24 bits is not 0, 32 or 128", e.reason());
    }

    @Test
    void bytesLeftThatAreNeitherOneNorTwoLabelsAreMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> decode(
                "02", "23", EvpnVectors.RD, "00000000000000000000", "00000000", "30", "aabbccddeeff",
                "00", "00006400ff"));                    // 5 bytes after the IP
        assertTrue(e.reason().contains("5 bytes left for labels"), e.reason());
    }
}
