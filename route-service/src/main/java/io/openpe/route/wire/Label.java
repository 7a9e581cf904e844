package io.openpe.route.wire;

import io.netty.buffer.ByteBuf;

/**
 * A 3-byte label field as sent. Read as MPLS (RFC 3032) it is a 20-bit label, 3 traffic-class bits and the
 * bottom-of-stack bit; for VXLAN (RFC 8365 §5.1.3) the whole 24 bits are the VNI. Which view applies depends on the
 * encapsulation, so both are offered and the raw value is kept.
 */
public record Label(int raw) {

    public static final int LENGTH = 3;
    /** FRR 8.4 sends an all-zero label field over BMP (DESIGN §6); shared to keep stored routes small. */
    public static final Label ZERO = new Label(0);

    public Label {
        if ((raw >>> 24) != 0) {
            throw new IllegalArgumentException("label field wider than 24 bits: " + raw);
        }
    }

    public static Label read(ByteBuf buf, String what) {
        return of(Wire.u24(buf, what));
    }

    public static Label of(int raw) {
        return raw == 0 ? ZERO : new Label(raw);
    }

    /** The 20-bit MPLS label. */
    public int mplsLabel() {
        return raw >>> 4;
    }

    /** The 24-bit VXLAN network identifier. */
    public int vni() {
        return raw;
    }

    public boolean isZero() {
        return raw == 0;
    }
}
