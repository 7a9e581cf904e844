package io.openpe.node.frr;

import java.util.Comparator;

/**
 * Orders address strings (with or without a prefix length) numerically for IPv4 and textually otherwise, IPv4 first,
 * so that 10.0.0.9 precedes 10.0.0.10 in rendered configuration.
 */
enum IpOrder implements Comparator<String> {
    INSTANCE;

    @Override
    public int compare(String a, String b) {
        long ka = ipv4Key(a);
        long kb = ipv4Key(b);
        if (ka >= 0 && kb >= 0) {
            return ka != kb ? Long.compare(ka, kb) : a.compareTo(b);
        }
        if (ka >= 0 != kb >= 0) {
            return ka >= 0 ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static long ipv4Key(String text) {
        String address = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        String[] parts = address.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long key = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            key = key * 256 + Integer.parseInt(part);
        }
        return key;
    }
}
