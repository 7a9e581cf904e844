package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;

/** An IP prefix: address with host bits as sent and a length in bits. */
public record IpPrefix(IpAddress address, int length) {

    public IpPrefix {
        if (length < 0 || length > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + address);
        }
    }

    /**
     * Reads the BGP prefix encoding (RFC 4271 §4.3, RFC 4760 §5): one length byte in bits, then just enough bytes to
     * hold that many bits.
     */
    public static IpPrefix readEncoded(ByteBuf buf, boolean v6, String what) {
        int bits = Wire.u8(buf, what + " prefix length");
        int max = v6 ? 128 : 32;
        if (bits > max) {
            throw new DecodeException(what + ": prefix length " + bits + " exceeds " + max);
        }
        int bytes = (bits + 7) / 8;
        Wire.need(buf, bytes, what + " prefix");
        byte[] full = new byte[max / 8];
        buf.readBytes(full, 0, bytes);
        return new IpPrefix(fromBytes(full, v6), bits);
    }

    static IpAddress fromBytes(byte[] b, boolean v6) {
        if (!v6) {
            return IpAddress.v4((b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff));
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (b[i] & 0xff);
            low = low << 8 | (b[i + 8] & 0xff);
        }
        return IpAddress.v6(high, low);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
