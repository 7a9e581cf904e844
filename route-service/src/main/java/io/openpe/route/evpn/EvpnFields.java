package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.IpAddress;

/** Field readers shared by the route types: the length checks and the "IP length in bits" convention. */
final class EvpnFields {

    private EvpnFields() {
    }

    static void needAtLeast(ByteBuf value, int n, int type) {
        if (value.readableBytes() < n) {
            throw new DecodeException("EVPN type " + type + ": need at least " + n + " bytes, have "
                    + value.readableBytes());
        }
    }

    static void needExactly(ByteBuf value, int n, int type, String why) {
        if (value.readableBytes() != n) {
            throw new DecodeException("EVPN type " + type + ": " + why + " need exactly " + n + " bytes, have "
                    + value.readableBytes());
        }
    }

    static void expectEnd(ByteBuf value, int type) {
        if (value.isReadable()) {
            throw new DecodeException("EVPN type " + type + ": " + value.readableBytes() + " unexpected trailing bytes");
        }
    }

    /** An "IP Address Length" (in bits) followed by the address; 0 means absent when {@code zeroAllowed}. */
    static IpAddress ipWithBitLength(ByteBuf value, int type, boolean zeroAllowed, String what) {
        int bits = value.readUnsignedByte();
        return switch (bits) {
            case 0 -> {
                if (!zeroAllowed) {
                    throw new DecodeException("EVPN type " + type + ": " + what + " length 0 is not allowed");
                }
                yield null;
            }
            case 32 -> {
                needAtLeast(value, 4, type);
                yield IpAddress.readV4(value, what);
            }
            case 128 -> {
                needAtLeast(value, 16, type);
                yield IpAddress.readV6(value, what);
            }
            default -> throw new DecodeException("EVPN type " + type + ": " + what + " length " + bits
                    + " bits is not 0, 32 or 128");
        };
    }

    static String unsigned(long tag) {
        return Long.toString(tag & 0xffffffffL);
    }
}
