package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Wire;

/** The 19-byte BGP message header (RFC 4271 §4.1): 16-byte all-ones marker, 2-byte length, 1-byte type. */
public record BgpMessageHeader(int length, int type) {

    public static final int LENGTH = 19;
    public static final int OPEN = 1;
    public static final int UPDATE = 2;
    public static final int NOTIFICATION = 3;
    public static final int KEEPALIVE = 4;

    /**
     * Reads a header and returns a view of the message body, checking the marker, the length (19 to 65535, RFC 8654
     * allows more than 4096) and, when {@code expectedType} is not 0, the type.
     */
    public static ByteBuf readBody(ByteBuf buf, int expectedType, String what) {
        if (buf.readableBytes() < LENGTH) {
            Wire.need(buf, LENGTH, what + " header");
        }
        long m1 = buf.readLong();
        long m2 = buf.readLong();
        if (m1 != -1L || m2 != -1L) {
            throw new DecodeException(what + ": BGP marker is not all ones");
        }
        int length = buf.readUnsignedShort();
        int type = buf.readUnsignedByte();
        if (length < LENGTH) {
            throw new DecodeException(what + ": BGP length " + length + " is below the 19-byte header");
        }
        if (expectedType != 0 && type != expectedType) {
            throw new DecodeException(what + ": BGP message type " + type + ", expected " + expectedType);
        }
        return Wire.slice(buf, length - LENGTH, what + " body of declared length ", length - LENGTH, "");
    }
}
