package io.openpe.route.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.DecodingContext;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.UpdateDecoder;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpFraming;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.evpn.EvpnNlriEncoder;
import io.openpe.route.evpn.EvpnRoute;
import io.openpe.route.wire.DecodeException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Coverage-guided fuzzing (Jazzer) of the three decoders a router's bytes reach: the BMP session decoder over a stream
 * of frames, the UPDATE decoder and the EVPN NLRI decoder. Properties, for every input:
 * <ul>
 *   <li>the BMP decoder answers only with its documented values ({@code Decoded} or {@code Malformed} with a reason);
 *       the UPDATE and NLRI decoders return or throw {@link DecodeException}, nothing else;</li>
 *   <li>no hang: every loop consumes input (a frame or an NLRI per round), checked by a round bound;</li>
 *   <li>bounded allocation: what the decoding thread allocates is at most {@link #BYTES_PER_INPUT_BYTE} per input
 *       byte plus {@link #BASE_ALLOCATION}, so no length field can make the decoder reserve memory it has not read.</li>
 * </ul>
 * In the normal test phase Jazzer replays the seed corpus ({@code BmpDecoderFuzzTestInputs/<method>}: the golden FRR
 * capture, its frames and UPDATEs, and the RFC 7432 vectors). {@code -Pfuzz} fuzzes each target for its
 * {@code maxDuration} (DESIGN "Running").
 */
class BmpDecoderFuzzTest {

    /** A decoded route is a few small objects (record, lists, addresses); 512 bytes per input byte is far above. */
    static final long BYTES_PER_INPUT_BYTE = 512;
    static final long BASE_ALLOCATION = 256 << 10;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A raw BMP byte stream cut into frames the way the session's frame decoder cuts it. */
    @FuzzTest(maxDuration = "20s")
    void bmpSessionStream(byte[] input) {
        assertAllocationBounded(input, BmpDecoderFuzzTest::decodeStream);
    }

    private static void decodeStream(byte[] input) {
        BmpSessionDecoder decoder = BmpSessionDecoder.standard();
        ByteBuf stream = Unpooled.wrappedBuffer(input);
        int rounds = 0;
        while (stream.isReadable()) {
            assertTrue(++rounds <= input.length, "a frame must consume at least one byte");
            ByteBuf frame = nextFrame(stream);
            BmpDecodeResult result = decoder.decode(frame);
            if (result instanceof BmpDecodeResult.Malformed malformed) {
                assertFalse(malformed.reason().isBlank(), "a malformed frame names its reason");
                if (malformed.fatal()) {
                    break;
                }
            } else {
                assertTrue(result instanceof BmpDecodeResult.Decoded decoded && decoded.message() != null);
            }
        }
        assertTrue(decoder.counters().messages() == rounds);
    }

    /** A whole BGP message that must be an UPDATE; the first byte picks 2- or 4-byte ASNs and ADD-PATH. */
    @FuzzTest(maxDuration = "20s")
    void updateMessage(byte[] input) {
        assertAllocationBounded(input, BmpDecoderFuzzTest::decodeUpdate);
    }

    private static void decodeUpdate(byte[] input) {
        if (input.length == 0) {
            return;
        }
        DecodingContext context = new DecodingContext((input[0] & 1) != 0,
                (input[0] & 2) != 0 ? Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.L2VPN_EVPN) : Set.of());
        ByteBuf message = Unpooled.wrappedBuffer(input, 1, input.length - 1);
        try {
            assertTrue(new UpdateDecoder(EvpnNlriDecoder.withUnicast()).decodeMessage(message, context) != null);
        } catch (DecodeException e) {
            assertFalse(e.reason().isBlank());
        }
    }

    /** An MP_REACH NLRI field of L2VPN EVPN; the first byte says whether path ids precede the routes. */
    @FuzzTest(maxDuration = "20s")
    void evpnNlri(byte[] input) {
        assertAllocationBounded(input, BmpDecoderFuzzTest::decodeEvpn);
        reEncodeEvpn(input);
    }

    /**
     * Every decoded EVPN route has a wire form that decodes back to it: the RIB stores routes in that form
     * ({@code rib.CompactNlri}), so a decoded route without one would end its BMP session.
     */
    private static void reEncodeEvpn(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<Nlri> routes = new ArrayList<>();
        try {
            new EvpnNlriDecoder().decode(Unpooled.wrappedBuffer(input, 1, input.length - 1), AfiSafi.L2VPN_EVPN,
                    (input[0] & 1) != 0, routes);
        } catch (DecodeException e) {
            // Routes before the malformed one were decoded and are checked all the same.
        }
        for (Nlri nlri : routes) {
            EvpnRoute route = (EvpnRoute) nlri;
            ByteBuf value = Unpooled.buffer(EvpnNlriEncoder.valueLength(route));
            EvpnNlriEncoder.writeValue(route, value);
            assertEquals(route, EvpnNlriDecoder.decodeValue(route.routeType(), value, route.pathId()));
        }
    }

    private static void decodeEvpn(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ByteBuf field = Unpooled.wrappedBuffer(input, 1, input.length - 1);
        List<Nlri> routes = new ArrayList<>();
        try {
            new EvpnNlriDecoder().decode(field, AfiSafi.L2VPN_EVPN, (input[0] & 1) != 0, routes);
            assertFalse(field.isReadable(), "a decoded field is consumed to its end");
        } catch (DecodeException e) {
            assertFalse(e.reason().isBlank());
        }
        assertTrue(routes.size() <= input.length / 2, "every EVPN route takes at least its type and length bytes");
    }

    /**
     * The next frame as LengthFieldBasedFrameDecoder would deliver it; a length it would reject (below the header,
     * beyond the maximum or the end of the stream) hands the rest over so the decoder must reject it.
     */
    private static ByteBuf nextFrame(ByteBuf stream) {
        if (stream.readableBytes() >= BmpFraming.COMMON_HEADER_LENGTH) {
            long length = stream.getUnsignedInt(stream.readerIndex() + BmpFraming.LENGTH_FIELD_OFFSET);
            if (length >= BmpFraming.COMMON_HEADER_LENGTH && length <= BmpFraming.MAX_FRAME_LENGTH
                    && length <= stream.readableBytes()) {
                return stream.readSlice((int) length);
            }
        }
        return stream.readSlice(stream.readableBytes());
    }

    /**
     * Decodes {@code input} twice and bounds what the second pass allocates: the first pass pays the one-time costs
     * (class initialisation, lambda bootstrap) that are not the decoder's per-input allocation.
     */
    private static void assertAllocationBounded(byte[] input, Consumer<byte[]> target) {
        target.accept(input);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        target.accept(input);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        int inputLength = input.length;
        long bound = BASE_ALLOCATION + BYTES_PER_INPUT_BYTE * inputLength;
        assertTrue(allocated <= bound, () -> "allocated " + allocated + " bytes for " + inputLength
                + " input bytes, bound " + bound);
    }
}
