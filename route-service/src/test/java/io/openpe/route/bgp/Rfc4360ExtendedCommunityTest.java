package io.openpe.route.bgp;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.update;
import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4360 extended communities as EVPN over VXLAN uses them: route targets (RFC 4360 §4, RFC 5668), encapsulation
 * (RFC 9012 §4.1), MAC mobility (RFC 7432 §7.7), ESI label (§7.5), default gateway (§7.8), router MAC (RFC 9135 §8.1).
 */
class Rfc4360ExtendedCommunityTest {

    private static List<ExtendedCommunity> decode(String... communities) {
        String attr = attribute(0xc0, 16, String.join("", communities));
        return new UpdateDecoder(NlriDecoders.unicast()).decodeMessage(buf(update("", attr, "")),
                DecodingContext.DEFAULT).attributes().extendedCommunities();
    }

    @Test
    void routeTargetTwoByteAsn() {
        var rt = assertInstanceOf(ExtendedCommunity.RouteTarget.class,
                decode("00 02 fde8 00000064").get(0));                    // type 0, subtype 2, 65000:100
        assertEquals(0, rt.type());
        assertEquals(65000, rt.globalAdministrator());
        assertEquals(100, rt.localAdministrator());
        assertEquals("65000:100", rt.toString());
    }

    @Test
    void routeTargetIpv4() {
        var rt = assertInstanceOf(ExtendedCommunity.RouteTarget.class,
                decode("01 02 0a000001 0064").get(0));                    // type 1, subtype 2, 10.0.0.1:100
        assertEquals("10.0.0.1:100", rt.toString());
    }

    @Test
    void routeTargetFourByteAsn() {
        var rt = assertInstanceOf(ExtendedCommunity.RouteTarget.class,
                decode("02 02 fa56ea00 0064").get(0));                    // type 2, subtype 2, 4200000000:100
        assertEquals("4200000000:100", rt.toString());
    }

    @Test
    void encapsulationVxlan() {
        var e = assertInstanceOf(ExtendedCommunity.Encapsulation.class,
                decode("03 0c 00000000 0008").get(0));                    // opaque, encapsulation, tunnel type 8
        assertEquals(ExtendedCommunity.Encapsulation.VXLAN, e.tunnelType());
    }

    @Test
    void macMobilityWithSequenceAndSticky() {
        var m = assertInstanceOf(ExtendedCommunity.MacMobility.class,
                decode("06 00 00 00 00000005").get(0));                   // EVPN, mobility, flags 0, seq 5
        assertFalse(m.sticky());
        assertEquals(5, m.sequence());
        var sticky = assertInstanceOf(ExtendedCommunity.MacMobility.class,
                decode("06 00 01 00 00000000").get(0));                   // flags 0x01: sticky (static) MAC
        assertTrue(sticky.sticky());
        assertEquals(0, sticky.sequence());
    }

    @Test
    void esiLabel() {
        var l = assertInstanceOf(ExtendedCommunity.EsiLabel.class,
                decode("06 01 01 0000 000064").get(0));                   // single-active, label field 0x000064
        assertTrue(l.singleActive());
        assertEquals(100, l.label().vni());
    }

    @Test
    void routerMac() {
        var r = assertInstanceOf(ExtendedCommunity.RouterMac.class,
                decode("06 03 0242ac110002").get(0));                     // router MAC 02:42:ac:11:00:02
        assertEquals(MacAddress.parse("02:42:ac:11:00:02"), r.mac());
    }

    @Test
    void defaultGateway() {
        assertInstanceOf(ExtendedCommunity.DefaultGateway.class, decode("03 0d 000000000000").get(0));
    }

    @Test
    void othersStayRaw() {
        var raw = assertInstanceOf(ExtendedCommunity.Raw.class,
                decode("06 04 0000 00000000").get(0));                    // EVPN subtype 4 (layer-2 attributes)
        assertEquals(6, raw.type());
        assertEquals(4, raw.subtype());
        assertEquals(0x0604_0000_0000_0000L, raw.raw());
        assertInstanceOf(ExtendedCommunity.Raw.class, decode("00 03 fde8 00000064").get(0));   // 2-byte AS, origin
    }

    @Test
    void typicalFrrType2SetKeepsOrder() {
        List<ExtendedCommunity> all = decode(
                "00 02 fde8 00000064",   // RT 65000:100 (L2 VNI)
                "00 02 fde8 000000c8",   // RT 65000:200 (L3 VNI)
                "03 0c 00000000 0008",   // VXLAN
                "06 03 0242ac110002");   // router MAC
        assertEquals(4, all.size());
        assertEquals("65000:200", all.get(1).toString());
        assertInstanceOf(ExtendedCommunity.RouterMac.class, all.get(3));
    }
}
