package io.openpe.route.bgp;

/** LOCAL_PREF (RFC 4271 §5.1.5), unsigned 32 bits. */
public record LocalPref(long value) implements PathAttribute {

    @Override
    public int typeCode() {
        return LOCAL_PREF;
    }
}
