package io.openpe.route.api;

import java.util.Locale;

/** A MAC address as a request spells it (valid by {@code rules.MacAddress}), compared in lower case (as routes are). */
final class MacText {

    private MacText() {
    }

    static String normal(String mac) {
        return mac.toLowerCase(Locale.ROOT);
    }
}
