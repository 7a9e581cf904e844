package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.Octets;
import io.openpe.route.wire.Wire;

/** A NOTIFICATION (RFC 4271 §4.5): error code, subcode, data. */
public record BgpNotification(int code, int subcode, Octets data) {

    /** Decodes a whole BGP message (header included) that must be a NOTIFICATION. */
    public static BgpNotification decodeMessage(ByteBuf message, String what) {
        ByteBuf body = BgpMessageHeader.readBody(message, BgpMessageHeader.NOTIFICATION, what);
        int code = Wire.u8(body, what + " error code");
        int subcode = Wire.u8(body, what + " error subcode");
        return new BgpNotification(code, subcode, Wire.octets(body, body.readableBytes(), what + " data"));
    }
}
