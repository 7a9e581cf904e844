package io.openpe.route.wire;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable copy of bytes kept raw (unknown attributes, unknown route types), compared by content. */
public final class Octets {

    private static final HexFormat HEX = HexFormat.of();
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    Octets(byte[] owned) {
        this.bytes = owned;
    }

    public static Octets copyOf(byte[] bytes) {
        return new Octets(bytes.clone());
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int get(int index) {
        return bytes[index] & 0xff;
    }

    /** Lower-case hex without separators. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
