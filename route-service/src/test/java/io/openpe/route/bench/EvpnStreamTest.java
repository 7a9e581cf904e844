package io.openpe.route.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.evpn.IpPrefixRoute;
import io.openpe.route.evpn.MacIpAdvertisement;
import org.junit.jupiter.api.Test;

/** The benchmark stream is what it claims to be (so the benchmark's per-NLRI figure is honest). */
class EvpnStreamTest {

    @Test
    void streamDecodesToTheAdvertisedRouteMix() {
        EvpnStream stream = new EvpnStream(100);
        BmpSessionDecoder decoder = BmpSessionDecoder.standard();
        int type2 = 0;
        int type5 = 0;
        for (ByteBuf frame : stream.frames) {
            RouteMonitoring rm = assertInstanceOf(RouteMonitoring.class,
                    assertInstanceOf(BmpDecodeResult.Decoded.class, decoder.decode(frame)).message());
            for (var nlri : rm.update().announced()) {
                switch (nlri) {
                    case MacIpAdvertisement _ -> type2++;
                    case IpPrefixRoute _ -> type5++;
                    default -> throw new AssertionError(nlri);
                }
            }
        }
        assertEquals(80, type2);
        assertEquals(80, type5);
        assertEquals(160, stream.nlri);
        assertEquals(0, decoder.counters().malformed());
    }
}
