package io.openpe.route.bgp;

import io.openpe.route.wire.Hex;

/**
 * Test-side envelopes: wraps hand-written field bytes in the BGP headers whose lengths are tedious to count by hand
 * (RFC 4271 §4.1 message header, §4.3 UPDATE lengths, attribute headers). Field contents stay written out in tests.
 */
public final class BgpEncoding {

    public static final String MARKER = "ffffffffffffffffffffffffffffffff";

    private BgpEncoding() {
    }

    /** A BGP message: marker, 2-byte length (header included), type, body. */
    public static String message(int type, String body) {
        int length = 19 + Hex.bytes(body).length;
        return MARKER + String.format("%04x%02x", length, type) + body.replace(" ", "");
    }

    /** An UPDATE body: withdrawn routes length + routes, total path attribute length + attributes, NLRI. */
    public static String updateBody(String withdrawn, String attributes, String nlri) {
        return String.format("%04x", Hex.bytes(withdrawn).length) + withdrawn.replace(" ", "")
                + String.format("%04x", Hex.bytes(attributes).length) + attributes.replace(" ", "")
                + nlri.replace(" ", "");
    }

    public static String update(String withdrawn, String attributes, String nlri) {
        return message(2, updateBody(withdrawn, attributes, nlri));
    }

    /** A path attribute with a 1-byte length (flags without 0x10) or a 2-byte one (flags with 0x10). */
    public static String attribute(int flags, int type, String value) {
        int length = Hex.bytes(value).length;
        String len = (flags & 0x10) != 0 ? String.format("%04x", length) : String.format("%02x", length);
        return String.format("%02x%02x", flags, type) + len + value.replace(" ", "");
    }

    public static String concat(String... parts) {
        return String.join("", parts).replace(" ", "");
    }
}
