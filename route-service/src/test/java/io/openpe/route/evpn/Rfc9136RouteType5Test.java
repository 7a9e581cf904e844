package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import org.junit.jupiter.api.Test;

/** RFC 9136 §3.1 IP Prefix route: the 34-byte IPv4 and 58-byte IPv6 forms. */
class Rfc9136RouteType5Test {

    @Test
    void ipv4Form() {
        IpPrefixRoute r = (IpPrefixRoute) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE5_IPV4), false);
        assertEquals("10.0.0.1:2", r.rd().toString());
        assertEquals("10.100.0.0/24", r.prefix().toString());
        assertEquals(IpAddress.V4_ANY, r.gateway());
        assertEquals(200, r.label().vni());
        assertEquals("10.0.0.1:2/5/0/10.100.0.0/24", r.key().text());
    }

    @Test
    void ipv6Form() {
        IpPrefixRoute r = (IpPrefixRoute) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE5_IPV6), false);
        assertEquals("fd00:64::/64", r.prefix().toString());
        assertEquals("::", r.gateway().toString());
        assertEquals(200, r.label().vni());
    }

    @Test
    void keyIgnoresGatewayEsiAndLabel() {
        IpPrefixRoute r = (IpPrefixRoute) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE5_IPV4), false);
        IpPrefixRoute other = new IpPrefixRoute(r.pathId(), r.rd(), r.esi(), r.ethernetTag(), r.prefix(),
                IpAddress.parse("10.100.0.1"), Label.of(5));
        assertEquals(r.key(), other.key());
    }

    @Test
    void lengthOtherThan34Or58IsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> EvpnNlriDecoder.decodeOne(buf(
                "05", "23", String.join("", EvpnVectors.TYPE5_IPV4).substring(4), "00"), false)); // length 35
        assertEquals("EVPN type 5: length 35 is neither 34 (IPv4) nor 58 (IPv6)", e.reason());
    }

    @Test
    void prefixLengthBeyondTheFamilyIsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> EvpnNlriDecoder.decodeOne(buf(
                "05", "22", EvpnVectors.RD, "00000000000000000000", "00000000",
                "21",                            // prefix length 33 in the IPv4 form
                "0a640000", "00000000", "0000c8"), false));
        assertEquals("EVPN type 5: prefix length 33 exceeds 32", e.reason());
    }
}
