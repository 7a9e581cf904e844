package io.openpe.route.bgp;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;
import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 4760 §3 MP_REACH_NLRI (next hop 4, 16, 32 bytes) and §4 MP_UNREACH_NLRI; RFC 4724 §2 End-of-RIB. */
class Rfc4760MultiprotocolTest {

    private static final UpdateDecoder DECODER = new UpdateDecoder(NlriDecoders.unicast());
    private static final String ORIGIN_IGP = attribute(0x40, 1, "00");

    @Test
    void ipv6UnicastWithSixteenByteNextHop() {
        String mpReach = attribute(0x90, 14,
                "0002 01"                                      // AFI 2, SAFI 1
                + "10 20010db8000000000000000000000001"        // next hop length 16, 2001:db8::1
                + "00"                                         // reserved
                + "40 20010db800000001");                      // 2001:db8:0:1::/64
        BgpUpdate u = DECODER.decodeMessage(buf(update("", concat(ORIGIN_IGP, mpReach), "")), DecodingContext.DEFAULT);
        MpReach r = u.attributes().mpReach().orElseThrow();
        assertEquals(AfiSafi.IPV6_UNICAST, r.afiSafi());
        assertEquals(IpAddress.parse("2001:db8::1"), r.nextHop());
        assertNull(r.linkLocalNextHop());
        assertEquals("2001:db8:0:1::/64", ((IpUnicastRoute) u.announced().get(0)).prefix().toString());
        assertEquals(Optional.of(IpAddress.parse("2001:db8::1")), u.nextHop(AfiSafi.IPV6_UNICAST));
    }

    @Test
    void thirtyTwoByteNextHopIsGlobalPlusLinkLocal() {
        String mpReach = attribute(0x90, 14,
                "0002 01"
                + "20 20010db8000000000000000000000001"        // length 32: global 2001:db8::1
                + "fe800000000000000000000000000001"           // link-local fe80::1 (RFC 2545 §3)
                + "00"
                + "30 20010db80002");                          // 2001:db8:2::/48
        MpReach r = DECODER.decodeMessage(buf(update("", concat(ORIGIN_IGP, mpReach), "")), DecodingContext.DEFAULT)
                .attributes().mpReach().orElseThrow();
        assertEquals(IpAddress.parse("2001:db8::1"), r.nextHop());
        assertEquals(IpAddress.parse("fe80::1"), r.linkLocalNextHop());
    }

    @Test
    void fourByteNextHopForIpv4Family() {
        String mpReach = attribute(0x90, 14, "0001 01" + "04 c0a80001" + "00" + "18 0a0100");
        BgpUpdate u = DECODER.decodeMessage(buf(update("", concat(ORIGIN_IGP, mpReach), "")), DecodingContext.DEFAULT);
        assertEquals(IpAddress.parse("192.168.0.1"), u.attributes().mpReach().orElseThrow().nextHop());
    }

    @Test
    void otherNextHopLengthsAreMalformed() {
        String mpReach = attribute(0x90, 14, "0002 01" + "0c 000000000000000000000000" + "00");
        DecodeException e = assertThrows(DecodeException.class, () -> DECODER.decodeMessage(
                buf(update("", mpReach, "")), DecodingContext.DEFAULT));
        assertEquals("MP_REACH_NLRI ipv6-unicast: next hop length 12 is not 4, 16 or 32", e.reason());
    }

    @Test
    void reachAndUnreachInOneUpdate() {
        String mpUnreach = attribute(0x90, 15, "0002 01" + "40 20010db800000009");      // withdraw 2001:db8:0:9::/64
        String mpReach = attribute(0x90, 14,
                "0002 01" + "10 20010db8000000000000000000000001" + "00" + "40 20010db800000001");
        BgpUpdate u = DECODER.decodeMessage(buf(update("", concat(mpUnreach, ORIGIN_IGP, mpReach), "")),
                DecodingContext.DEFAULT);
        assertEquals("2001:db8:0:9::/64", ((IpUnicastRoute) u.withdrawn().get(0)).prefix().toString());
        assertEquals("2001:db8:0:1::/64", ((IpUnicastRoute) u.announced().get(0)).prefix().toString());
        assertTrue(u.endOfRib().isEmpty());
    }

    @Test
    void emptyMpUnreachAloneIsEndOfRibForItsFamily() {
        String mpUnreach = attribute(0x90, 15, "0019 46");                              // AFI 25, SAFI 70, nothing
        BgpUpdate u = DECODER.decodeMessage(buf(update("", mpUnreach, "")), DecodingContext.DEFAULT);
        assertEquals(Optional.of(AfiSafi.L2VPN_EVPN), u.endOfRib());
    }

    @Test
    void unknownFamilyIsKeptRawNotMisparsed() {
        String mpReach = attribute(0x90, 14, "0001 80" + "04 c0a80001" + "00" + "deadbeef");  // SAFI 128 (L3VPN)
        BgpUpdate u = DECODER.decodeMessage(buf(update("", concat(ORIGIN_IGP, mpReach), "")), DecodingContext.DEFAULT);
        UnknownNlri raw = assertInstanceOf(UnknownNlri.class, u.announced().get(0));
        assertEquals(new AfiSafi(1, 128), raw.afiSafi());
        assertEquals("deadbeef", raw.raw().hex());
    }
}
