package io.openpe.route.wire;

/**
 * Malformed input: the bytes do not match what their headers declare. The only exception the decoders throw for bad
 * bytes; the session decoder turns it into a value with {@link #reason()} (STYLE rule 14). No stack trace is filled in:
 * a hostile peer can make these frequent, and the reason string already names the field.
 */
public final class DecodeException extends RuntimeException {

    public DecodeException(String reason) {
        super(reason, null, false, false);
    }

    /** What was wrong, e.g. "EVPN type 2: need at least 33 bytes, have 20". */
    public String reason() {
        return getMessage();
    }
}
