package io.openpe.route.bgp;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.update;
import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 6514 §5 PMSI_TUNNEL as EVPN type 3 uses it (RFC 8365 §5.1.3: ingress replication, VNI in the label). */
class Rfc6514PmsiTunnelTest {

    private static PmsiTunnel decode(String value) {
        return new UpdateDecoder(NlriDecoders.unicast()).decodeMessage(buf(update("", attribute(0xc0, 22, value), "")),
                DecodingContext.DEFAULT).attributes().pmsiTunnel().orElseThrow();
    }

    @Test
    void ingressReplicationWithVniAndEndpoint() {
        PmsiTunnel p = decode(
                "00"            // flags: no leaf info required
                + "06"          // tunnel type 6: ingress replication
                + "000064"      // label field: VNI 100
                + "c0a80a01");  // tunnel endpoint 192.168.10.1
        assertEquals(0, p.flags());
        assertEquals(PmsiTunnel.INGRESS_REPLICATION, p.tunnelType());
        assertEquals(100, p.label().vni());
        assertEquals(Optional.of(IpAddress.parse("192.168.10.1")), p.endpoint());
    }

    @Test
    void shorterThanFiveBytesIsMalformed() {
        DecodeException e = assertThrows(DecodeException.class, () -> decode("00 06 0000"));
        assertEquals("PMSI_TUNNEL label: need at least 3 bytes, have 2", e.reason());
    }
}
