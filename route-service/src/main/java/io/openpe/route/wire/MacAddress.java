package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;
import java.util.HexFormat;

/** A 48-bit MAC address in the low bits of a long. */
public record MacAddress(long value) {

    public static final int LENGTH = 6;

    public MacAddress {
        if ((value >>> 48) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(value));
        }
    }

    public static MacAddress read(ByteBuf buf) {
        Wire.need(buf, LENGTH, "MAC address");
        long high = buf.readUnsignedShort();
        long low = buf.readUnsignedInt();
        return new MacAddress(high << 32 | low);
    }

    /** Parses "aa:bb:cc:dd:ee:ff". */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long v = 0;
        for (String p : parts) {
            v = v << 8 | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    /** Lower-case colon form, e.g. "00:f3:00:00:00:6f". */
    @Override
    public String toString() {
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bytes[i] = (byte) (value >>> (40 - 8 * i));
        }
        return COLON_HEX.formatHex(bytes);
    }

    /** Lower-case hex bytes joined by ':' (String.format costs more than the rest of a route's publishing). */
    static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");
}
