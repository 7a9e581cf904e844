package io.openpe.route.bgp;

import java.util.Arrays;

/**
 * One AS_PATH segment (RFC 4271 §4.3; confederation types from RFC 5065). AS numbers are unsigned 32-bit values held
 * in an int array to keep stored paths small; read them through {@link #asn(int)}.
 */
public final class AsPathSegment {

    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    private final int type;
    private final int[] asns;

    public AsPathSegment(int type, long... asns) {
        this.type = type;
        this.asns = new int[asns.length];
        for (int i = 0; i < asns.length; i++) {
            this.asns[i] = (int) asns[i];
        }
    }

    AsPathSegment(int type, int[] owned) {
        this.type = type;
        this.asns = owned;
    }

    public int type() {
        return type;
    }

    public int size() {
        return asns.length;
    }

    public long asn(int index) {
        return asns[index] & 0xffffffffL;
    }

    public long[] asns() {
        long[] out = new long[asns.length];
        for (int i = 0; i < asns.length; i++) {
            out[i] = asns[i] & 0xffffffffL;
        }
        return out;
    }

    /** Path length contribution for RFC 6793 §4.2.3 merging: a set counts as one. */
    int pathLength() {
        return type == AS_SET || type == AS_CONFED_SET ? 1 : asns.length;
    }

    int[] raw() {
        return asns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsPathSegment s && s.type == type && Arrays.equals(s.asns, asns);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(asns);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < asns.length; i++) {
            s.append(i == 0 ? "" : " ").append(asn(i));
        }
        return switch (type) {
            case AS_SET -> "{" + s + "}";
            case AS_CONFED_SEQUENCE -> "(" + s + ")";
            case AS_CONFED_SET -> "[" + s + "]";
            default -> s.toString();
        };
    }
}
