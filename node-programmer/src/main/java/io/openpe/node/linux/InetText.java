package io.openpe.node.linux;

/**
 * An IP address as text the way glibc's {@code inet_ntop} writes it, which is what iproute2 prints: dotted quad for
 * IPv4; for IPv6 lower-case hex groups without leading zeros, the longest run of two or more zero groups (the first
 * of equally long runs) as {@code ::}, and the last 32 bits dotted for IPv4-mapped and IPv4-compatible addresses.
 * {@code InetAddress.getHostAddress} differs (it never compresses), hence this.
 */
final class InetText {

    private InetText() {
    }

    static String of(byte[] address) {
        return switch (address.length) {
            case 4 -> ipv4(address, 0);
            case 16 -> ipv6(address);
            default -> throw new IllegalArgumentException("not an IP address: " + address.length + " bytes");
        };
    }

    private static String ipv4(byte[] address, int from) {
        return Byte.toUnsignedInt(address[from]) + "." + Byte.toUnsignedInt(address[from + 1]) + "."
                + Byte.toUnsignedInt(address[from + 2]) + "." + Byte.toUnsignedInt(address[from + 3]);
    }

    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = Byte.toUnsignedInt(address[2 * i]) << 8 | Byte.toUnsignedInt(address[2 * i + 1]);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        boolean embeddedIpv4 = bestStart == 0 && (bestLength == 6 || (bestLength == 5 && groups[5] == 0xffff));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append(':');
                i += bestLength - 1;
                if (i == 7) {
                    text.append(':');
                }
                continue;
            }
            if (i > 0) {
                text.append(':');
            }
            if (i == 6 && embeddedIpv4) {
                text.append(ipv4(address, 12));
                break;
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
