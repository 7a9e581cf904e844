package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;

/**
 * Route distinguisher (RFC 4364 §4.2): 2-byte type and 6-byte value, kept as the 8 raw bytes.
 * Type 0 = 2-byte ASN : 4-byte number, type 1 = IPv4 : 2-byte number, type 2 = 4-byte ASN : 2-byte number.
 */
public record RouteDistinguisher(long raw) {

    public static final int LENGTH = 8;

    public static RouteDistinguisher read(ByteBuf buf) {
        return new RouteDistinguisher(Wire.u64(buf, "route distinguisher"));
    }

    public int type() {
        return (int) (raw >>> 48);
    }

    /** "ASN:NN" for types 0 and 2, "IPv4:NN" for type 1, "type:hex" for anything else. */
    @Override
    public String toString() {
        return switch (type()) {
            case 0 -> ((raw >>> 32) & 0xffff) + ":" + (raw & 0xffffffffL);
            case 1 -> IpAddress.v4((int) (raw >>> 16)) + ":" + (raw & 0xffff);
            case 2 -> ((raw >>> 16) & 0xffffffffL) + ":" + (raw & 0xffff);
            default -> type() + ":" + String.format("%012x", raw & 0xffff_ffff_ffffL);
        };
    }
}
