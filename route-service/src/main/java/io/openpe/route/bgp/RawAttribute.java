package io.openpe.route.bgp;

import io.openpe.route.wire.Octets;

/** A path attribute we do not model, kept as sent (flags, type, value) and counted by the session. */
public record RawAttribute(int flags, int typeCode, Octets value) implements PathAttribute {
}
