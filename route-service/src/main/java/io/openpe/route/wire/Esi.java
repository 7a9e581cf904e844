package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;

/**
 * Ethernet segment identifier (RFC 7432 §5): 10 bytes, the first is the ESI type. Kept as two primitives so a route
 * holding it stays small: {@code high} = bytes 0..7, {@code low} = bytes 8..9.
 */
public record Esi(long high, int low) {

    public static final int LENGTH = 10;
    /** The all-zero ESI of single-homed routes; shared so the RIB does not hold a copy per route. */
    public static final Esi ZERO = new Esi(0, 0);

    public static Esi read(ByteBuf buf) {
        Wire.need(buf, LENGTH, "ESI");
        long high = buf.readLong();
        int low = buf.readUnsignedShort();
        return high == 0 && low == 0 ? ZERO : new Esi(high, low);
    }

    public int type() {
        return (int) (high >>> 56);
    }

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** The ten bytes (type first) as lower-case colon-separated hex. */
    @Override
    public String toString() {
        if (isZero()) {
            return ZERO_TEXT;
        }
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
        }
        bytes[8] = (byte) (low >>> 8);
        bytes[9] = (byte) low;
        return MacAddress.COLON_HEX.formatHex(bytes);
    }

    private static final String ZERO_TEXT = "00:00:00:00:00:00:00:00:00:00";
}
