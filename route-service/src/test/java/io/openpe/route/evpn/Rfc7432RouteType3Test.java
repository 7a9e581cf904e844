package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.route.wire.DecodeException;
import org.junit.jupiter.api.Test;

/** RFC 7432 §7.3 Inclusive Multicast Ethernet Tag route, IPv4 and IPv6 originator. */
class Rfc7432RouteType3Test {

    @Test
    void ipv4Originator() {
        InclusiveMulticast r = (InclusiveMulticast) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE3_IPV4), false);
        assertEquals("10.0.0.1:2", r.rd().toString());
        assertEquals(0, r.ethernetTag());
        assertEquals("192.168.10.1", r.originator().toString());
        assertEquals("10.0.0.1:2/3/0/192.168.10.1", r.key().text());
    }

    @Test
    void ipv6Originator() {
        InclusiveMulticast r = (InclusiveMulticast) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE3_IPV6), false);
        assertEquals("2001:db8::1", r.originator().toString());
    }

    @Test
    void ethernetTagIsUnsigned() {
        InclusiveMulticast r = (InclusiveMulticast) EvpnNlriDecoder.decodeOne(buf(
                "03", "11", EvpnVectors.RD, "ffffffff", "20", "c0a80a01"), false); // tag 4294967295
        assertEquals(4294967295L, r.ethernetTag());
        assertEquals("10.0.0.1:2/3/4294967295/192.168.10.1", r.key().text());
    }

    @Test
    void zeroIpLengthIsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> EvpnNlriDecoder.decodeOne(buf(
                "03", "11", EvpnVectors.RD, "00000000", "00", "c0a80a01"), false));
        assertEquals("EVPN type 3: originating router IP length 0 is not allowed", e.reason());
    }

    @Test
    void trailingBytesAreMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> EvpnNlriDecoder.decodeOne(buf(
                "03", "12", EvpnVectors.RD, "00000000", "20", "c0a80a01", "00"), false));
        assertEquals("EVPN type 3: 1 unexpected trailing bytes", e.reason());
    }
}
