package io.openpe.route.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** A MAC address as a request spells it: six colon-separated hex octets, compared in lower case (as routes are). */
final class MacText {

    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");

    private MacText() {
    }

    static boolean valid(String mac) {
        return MAC.matcher(mac).matches();
    }

    static String normal(String mac) {
        return mac.toLowerCase(Locale.ROOT);
    }
}
