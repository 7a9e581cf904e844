package io.openpe.node.kernel;

import java.util.OptionalLong;

/** Parses the VNI back out of a name built as {@code prefix + vni}. */
final class Names {

    private Names() {
    }

    static OptionalLong vniAfter(String prefix, String name) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return OptionalLong.empty();
        }
        String digits = name.substring(prefix.length());
        if (digits.length() > 8 || digits.charAt(0) == '0' || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long vni = Long.parseLong(digits);
        return vni <= Vrf.MAX_VNI ? OptionalLong.of(vni) : OptionalLong.empty();
    }
}
