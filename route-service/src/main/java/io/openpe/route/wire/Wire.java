package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;

/**
 * Bounds-checked unsigned reads over a {@link ByteBuf}. Every read first checks the readable bytes and fails with a
 * {@link DecodeException} naming what was being read, so a short buffer never surfaces as an IndexOutOfBoundsException.
 */
public final class Wire {

    private Wire() {
    }

    /** Fails unless {@code buf} has at least {@code n} readable bytes. */
    public static void need(ByteBuf buf, int n, String what) {
        if (buf.readableBytes() < n) {
            throw new DecodeException(what + ": need at least " + n + " bytes, have " + buf.readableBytes());
        }
    }

    /**
     * As {@link #need(ByteBuf, int, String)} with the field name given in parts ({@code head + number + tail}), so hot
     * paths do not build a string unless the check fails.
     */
    public static void need(ByteBuf buf, int n, String head, long number, String tail) {
        if (buf.readableBytes() < n) {
            need(buf, n, head + number + tail);
        }
    }

    public static int u8(ByteBuf buf, String head, long number, String tail) {
        need(buf, 1, head, number, tail);
        return buf.readUnsignedByte();
    }

    public static int u16(ByteBuf buf, String head, long number, String tail) {
        need(buf, 2, head, number, tail);
        return buf.readUnsignedShort();
    }

    public static ByteBuf slice(ByteBuf buf, int n, String head, long number, String tail) {
        need(buf, n, head, number, tail);
        return buf.readSlice(n);
    }

    public static int u8(ByteBuf buf, String what) {
        need(buf, 1, what);
        return buf.readUnsignedByte();
    }

    public static int u16(ByteBuf buf, String what) {
        need(buf, 2, what);
        return buf.readUnsignedShort();
    }

    public static int u24(ByteBuf buf, String what) {
        need(buf, 3, what);
        return buf.readUnsignedMedium();
    }

    public static long u32(ByteBuf buf, String what) {
        need(buf, 4, what);
        return buf.readUnsignedInt();
    }

    /** Eight bytes as a signed long; callers treat the bits as unsigned (counters, RDs). */
    public static long u64(ByteBuf buf, String what) {
        need(buf, 8, what);
        return buf.readLong();
    }

    /** A view of the next {@code n} bytes (no copy); the reader index moves past them. */
    public static ByteBuf slice(ByteBuf buf, int n, String what) {
        need(buf, n, what);
        return buf.readSlice(n);
    }

    /** A copy of the next {@code n} bytes, for values that outlive the buffer. */
    public static Octets octets(ByteBuf buf, int n, String what) {
        need(buf, n, what);
        byte[] copy = new byte[n];
        buf.readBytes(copy);
        return new Octets(copy);
    }

    public static void skip(ByteBuf buf, int n, String what) {
        need(buf, n, what);
        buf.skipBytes(n);
    }

    /** Fails if bytes are left over where a structure should have ended exactly. */
    public static void expectEnd(ByteBuf buf, String what) {
        if (buf.isReadable()) {
            throw new DecodeException(what + ": " + buf.readableBytes() + " unexpected trailing bytes");
        }
    }
}
