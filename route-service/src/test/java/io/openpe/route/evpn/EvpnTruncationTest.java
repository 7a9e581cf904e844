package io.openpe.route.evpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Hex;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of every EVPN route vector fails with a {@link DecodeException} carrying a reason, never another
 * exception. A second sweep also shrinks the declared length with the bytes, so each route type's own checks are
 * reached; there only the lengths that are themselves valid encodings may decode.
 */
class EvpnTruncationTest {

    /** Vector, and the value lengths at which a consistently shortened copy is still a valid route. */
    private static final Map<String[], Set<Integer>> VECTORS = new LinkedHashMap<>();

    static {
        VECTORS.put(EvpnVectors.TYPE1, Set.of());
        VECTORS.put(EvpnVectors.TYPE2_MAC_ONLY, Set.of());
        VECTORS.put(EvpnVectors.TYPE2_IPV4_ONE_LABEL, Set.of());
        VECTORS.put(EvpnVectors.TYPE2_IPV4_TWO_LABELS, Set.of(37));  // = the IPv4 one-label form
        VECTORS.put(EvpnVectors.TYPE2_IPV6_ONE_LABEL, Set.of());
        VECTORS.put(EvpnVectors.TYPE2_IPV6_TWO_LABELS, Set.of(49));  // = the IPv6 one-label form
        VECTORS.put(EvpnVectors.TYPE3_IPV4, Set.of());
        VECTORS.put(EvpnVectors.TYPE3_IPV6, Set.of());
        VECTORS.put(EvpnVectors.TYPE4_IPV4, Set.of());
        VECTORS.put(EvpnVectors.TYPE4_IPV6, Set.of());
        VECTORS.put(EvpnVectors.TYPE5_IPV4, Set.of());
        VECTORS.put(EvpnVectors.TYPE5_IPV6, Set.of());  // at 34 bytes (IPv4 form) the /64 exceeds 32 bits
    }

    @Test
    void everyPrefixOfEveryRouteIsADecodeErrorWithAReason() {
        int checked = 0;
        for (String[] vector : VECTORS.keySet()) {
            byte[] full = Hex.bytes(vector);
            for (int n = 0; n < full.length; n++) {
                byte[] prefix = Arrays.copyOf(full, n);
                DecodeException e = assertThrows(DecodeException.class,
                        () -> EvpnNlriDecoder.decodeOne(Unpooled.wrappedBuffer(prefix), false),
                        "prefix of " + n + " bytes of " + Hex.hex(full));
                assertFalse(e.reason().isBlank());
                checked++;
            }
            // The full vector decodes, consuming every byte.
            var b = Unpooled.wrappedBuffer(full);
            EvpnNlriDecoder.decodeOne(b, false);
            assertEquals(0, b.readableBytes());
        }
        assertEquals(VECTORS.keySet().stream().mapToInt(v -> Hex.bytes(v).length).sum(), checked);
    }

    @Test
    void shrinkingTheDeclaredLengthWithTheValueReachesEachTypesOwnChecks() {
        for (Map.Entry<String[], Set<Integer>> entry : VECTORS.entrySet()) {
            byte[] full = Hex.bytes(entry.getKey());
            Set<Integer> decoded = new TreeSet<>();
            for (int valueLength = 0; valueLength < full.length - 2; valueLength++) {
                byte[] shrunk = Arrays.copyOf(full, valueLength + 2);
                shrunk[1] = (byte) valueLength;
                try {
                    EvpnNlriDecoder.decodeOne(Unpooled.wrappedBuffer(shrunk), false);
                    decoded.add(valueLength);
                } catch (DecodeException e) {
                    assertFalse(e.reason().isBlank());
                }
            }
            assertEquals(new TreeSet<>(entry.getValue()), decoded, "valid shortened lengths of " + Hex.hex(full));
        }
    }
}
