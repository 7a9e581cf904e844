package io.openpe.route.evpn;

import static io.openpe.route.wire.Hex.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.Nlri;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route types beyond 5 (e.g. RFC 9251 type 6) are skipped by their length, kept raw, and do not disturb the next. */
class EvpnUnknownRouteTypeTest {

    @Test
    void unknownTypeIsKeptRawAndTheNextRouteStillDecodes() {
        ByteBuf nlri = buf(
                "06", "03", "010203",            // type 6, length 3, three opaque bytes
                String.join("", EvpnVectors.TYPE3_IPV4));
        List<Nlri> out = new ArrayList<>();
        new EvpnNlriDecoder().decode(nlri, AfiSafi.L2VPN_EVPN, false, out);
        assertEquals(2, out.size());
        UnknownEvpnRoute unknown = assertInstanceOf(UnknownEvpnRoute.class, out.get(0));
        assertEquals(6, unknown.routeType());
        assertEquals("010203", unknown.value().hex());
        assertInstanceOf(InclusiveMulticast.class, out.get(1));
    }
}
