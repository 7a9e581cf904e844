package io.openpe.route.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.bmp.RouteMonitoring;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every NLRI real FRR 8.4.4 sent in the lab capture survives typed -> compact -> typed unchanged. */
class CompactNlriGoldenTest {

    @Test
    void everyRouteOfTheFrrCaptureRoundTrips() throws Exception {
        ByteBuf stream = Unpooled.wrappedBuffer(Files.readAllBytes(
                Path.of("src/test/resources/io/openpe/route/golden/frr-ibgp-evpn-router-b.bin")));
        BmpSessionDecoder decoder = BmpSessionDecoder.standard();
        int routes = 0;
        while (stream.isReadable()) {
            // RFC 7854 §4.1: version (1), message length (4, whole message) first.
            ByteBuf frame = stream.readSlice((int) stream.getUnsignedInt(stream.readerIndex() + 1));
            if (decoder.decode(frame) instanceof BmpDecodeResult.Decoded d && d.message() instanceof RouteMonitoring m) {
                for (Nlri nlri : m.update().announced()) {
                    assertEquals(nlri, CompactNlri.decode(CompactNlri.encode(nlri)));
                    routes++;
                }
                for (Nlri nlri : m.update().withdrawn()) {
                    assertEquals(nlri, CompactNlri.decode(CompactNlri.encode(nlri)));
                    routes++;
                }
            }
        }
        assertTrue(routes > 0, "the capture has routes");
    }
}
