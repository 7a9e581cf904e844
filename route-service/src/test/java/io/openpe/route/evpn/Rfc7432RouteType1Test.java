package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Label;
import org.junit.jupiter.api.Test;

/** RFC 7432 §7.1 Ethernet Auto-Discovery route. */
class Rfc7432RouteType1Test {

    @Test
    void decodesAllFields() {
        EthernetAutoDiscovery r = (EthernetAutoDiscovery) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE1), false);
        assertEquals("10.0.0.1:2", r.rd().toString());
        assertEquals("00:11:22:33:44:55:66:77:88:99", r.esi().toString());
        assertEquals(0, r.esi().type());
        assertEquals(0, r.ethernetTag());
        assertEquals(100, r.label().vni());
        assertEquals("10.0.0.1:2/1/00:11:22:33:44:55:66:77:88:99/0", r.key().text());
    }

    @Test
    void keyIsEsiAndTagNotLabel() {
        EthernetAutoDiscovery r = (EthernetAutoDiscovery) EvpnNlriDecoder.decodeOne(buf(EvpnVectors.TYPE1), false);
        EthernetAutoDiscovery relabelled = new EthernetAutoDiscovery(r.pathId(), r.rd(), r.esi(), r.ethernetTag(),
                Label.of(7));
        assertEquals(r.key(), relabelled.key());
    }

    @Test
    void lengthOtherThan25IsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> EvpnNlriDecoder.decodeOne(buf(
                "01", "1a", String.join("", EvpnVectors.TYPE1).substring(4), "ff"), false)); // length 26
        assertEquals("EVPN type 1: RD, ESI, Ethernet tag and label need exactly 25 bytes, have 26", e.reason());
    }
}
