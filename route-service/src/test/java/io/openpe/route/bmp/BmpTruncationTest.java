package io.openpe.route.bmp;

import static io.openpe.route.bgp.BgpEncoding.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.Unpooled;
import io.openpe.route.wire.Hex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of every BMP message type decodes to {@link BmpDecodeResult.Malformed} with a reason; the decoder
 * never throws. A second sweep rewrites the BMP length to match each prefix so the inner decoders (per-peer header,
 * OPEN, UPDATE, NLRI, TLVs) must catch the truncation themselves; only the hand-listed lengths, where a shorter
 * message is itself valid (a TLV list cut at a TLV boundary), may decode.
 */
class BmpTruncationTest {

    private static final Map<String, Set<Integer>> FRAMES = new LinkedHashMap<>();

    static {
        FRAMES.put(BmpSamples.INITIATION, Set.of(6, 25));          // no TLV; sysDescr only (6 + 4 + 15)
        FRAMES.put(BmpSamples.PEER_UP, Set.of());
        FRAMES.put(BmpSamples.ROUTE_MONITORING, Set.of());
        FRAMES.put(BmpSamples.routeMonitoring(BmpEncoding.globalPeer(0),
                "05 22 0001c0a800020002 00000000000000000000 00000000 18 0a640000 00000000 000000"), Set.of());
        FRAMES.put(BmpEncoding.frame(1, BmpEncoding.globalPeer(0), "00000002", "0000 0004 00000003",
                "fffb 0004 00000001"), Set.of());
        FRAMES.put(BmpEncoding.frame(2, BmpEncoding.globalPeer(0), "01", message(3, "06 02")), Set.of());
        FRAMES.put(BmpEncoding.frame(2, BmpEncoding.globalPeer(0), "02", "000a"), Set.of());
        FRAMES.put(BmpEncoding.frame(2, BmpEncoding.globalPeer(0), "04"), Set.of());
        FRAMES.put(BmpEncoding.frame(5, "0000 0004 62796521", "0001 0002 0000"), Set.of(6, 14)); // cut at TLVs
        FRAMES.put(BmpEncoding.frame(6, BmpEncoding.globalPeer(0), "0001 0002 0001"), Set.of(48));
        FRAMES.put(BmpEncoding.frame(9, "0102"), Set.of(6, 7));     // unknown types are raw at any length
    }

    @Test
    void everyPrefixIsMalformedWithAReason() {
        for (String frame : FRAMES.keySet()) {
            byte[] full = Hex.bytes(frame);
            assertInstanceOf(BmpDecodeResult.Decoded.class,
                    BmpSessionDecoder.standard().decode(Unpooled.wrappedBuffer(full)), frame);
            for (int n = 0; n < full.length; n++) {
                BmpDecodeResult r = BmpSessionDecoder.standard().decode(Unpooled.wrappedBuffer(Arrays.copyOf(full, n)));
                BmpDecodeResult.Malformed m = assertInstanceOf(BmpDecodeResult.Malformed.class, r);
                assertFalse(m.reason().isBlank());
            }
        }
    }

    @Test
    void prefixesWithAConsistentBmpLengthAreCaughtByTheInnerDecoders() {
        for (Map.Entry<String, Set<Integer>> entry : FRAMES.entrySet()) {
            byte[] full = Hex.bytes(entry.getKey());
            Set<Integer> decoded = new TreeSet<>();
            for (int n = BmpFraming.COMMON_HEADER_LENGTH; n < full.length; n++) {
                byte[] shrunk = Arrays.copyOf(full, n);
                shrunk[1] = (byte) (n >>> 24);
                shrunk[2] = (byte) (n >>> 16);
                shrunk[3] = (byte) (n >>> 8);
                shrunk[4] = (byte) n;
                BmpDecodeResult r = BmpSessionDecoder.standard().decode(Unpooled.wrappedBuffer(shrunk));
                switch (r) {
                    case BmpDecodeResult.Decoded _ -> decoded.add(n);
                    case BmpDecodeResult.Malformed m -> {
                        assertFalse(m.reason().isBlank());
                        assertFalse(m.fatal(), "inner truncation loses the message, not the session: " + m);
                    }
                }
            }
            assertEquals(new TreeSet<>(entry.getValue()), decoded, "valid shortened lengths of " + entry.getKey());
        }
    }
}
