package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 7432 §7.4 Ethernet Segment route, IPv4 and IPv6 originator. */
class Rfc7432RouteType4Test {

    @Test
    void ipv4Originator() {
        EthernetSegment r = (EthernetSegment) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE4_IPV4), false);
        assertEquals(1, r.esi().type());
        assertEquals("01:aa:bb:cc:dd:ee:ff:00:01:02", r.esi().toString());
        assertEquals("192.168.10.1", r.originator().toString());
        assertEquals("10.0.0.1:2/4/01:aa:bb:cc:dd:ee:ff:00:01:02/192.168.10.1", r.key().text());
    }

    @Test
    void ipv6Originator() {
        EthernetSegment r = (EthernetSegment) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE4_IPV6), false);
        assertEquals("2001:db8::1", r.originator().toString());
    }
}
