package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;

/**
 * An IPv4 or IPv6 address held in two longs (an IPv4 address sits in the low 32 bits of {@code low}), so routes keep no
 * {@code InetAddress} objects and compare by value.
 */
public record IpAddress(boolean v6, long high, long low) {

    public static final IpAddress V4_ANY = new IpAddress(false, 0, 0);

    public IpAddress {
        if (!v6 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address wider than 32 bits");
        }
    }

    public static IpAddress v4(int bits) {
        return bits == 0 ? V4_ANY : new IpAddress(false, 0, bits & 0xffffffffL);
    }

    public static IpAddress v6(long high, long low) {
        return new IpAddress(true, high, low);
    }

    public static IpAddress readV4(ByteBuf buf, String what) {
        return v4((int) Wire.u32(buf, what));
    }

    public static IpAddress readV6(ByteBuf buf, String what) {
        Wire.need(buf, 16, what);
        return new IpAddress(true, buf.readLong(), buf.readLong());
    }

    /** An address of {@code length} bytes (4 or 16); anything else is malformed for {@code what}. */
    public static IpAddress read(ByteBuf buf, int length, String what) {
        return switch (length) {
            case 4 -> readV4(buf, what);
            case 16 -> readV6(buf, what);
            default -> throw new DecodeException(what + ": address length " + length + " is neither 4 nor 16");
        };
    }

    /** Parses dotted IPv4 or IPv6 text (numeric only: no name lookup). */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') < 0) {
            String[] p = text.split("\\.");
            if (p.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int v = 0;
            for (String part : p) {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                v = v << 8 | octet;
            }
            return v4(v);
        }
        int[] groups = new int[8];
        int doubleColon = text.indexOf("::");
        String[] head = doubleColon < 0 ? text.split(":") : splitGroups(text.substring(0, doubleColon));
        String[] tail = doubleColon < 0 ? new String[0] : splitGroups(text.substring(doubleColon + 2));
        if (head.length + tail.length > 8 || (doubleColon < 0 && head.length != 8)) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        for (int i = 0; i < head.length; i++) {
            groups[i] = Integer.parseInt(head[i], 16);
        }
        for (int i = 0; i < tail.length; i++) {
            groups[8 - tail.length + i] = Integer.parseInt(tail[i], 16);
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = high << 16 | groups[i];
            low = low << 16 | groups[i + 4];
        }
        return v6(high, low);
    }

    private static String[] splitGroups(String s) {
        return s.isEmpty() ? new String[0] : s.split(":");
    }

    public int bitLength() {
        return v6 ? 128 : 32;
    }

    public boolean isUnspecified() {
        return high == 0 && low == 0;
    }

    /** Dotted quad, or RFC 5952 text for IPv6 (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (!v6) {
            return (low >>> 24 & 0xff) + "." + (low >>> 16 & 0xff) + "." + (low >>> 8 & 0xff) + "." + (low & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i) & 0xffff);
            g[i + 4] = (int) (low >>> (48 - 16 * i) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
