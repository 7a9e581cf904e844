package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.Octets;
import io.openpe.route.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A type (2), length (2), value TLV of Initiation, Termination, Peer Up and Route Mirroring (RFC 7854 §4.4). */
public record InformationTlv(int type, Octets value) {

    /** The value as UTF-8 text (RFC 7854 §4.4: string TLVs are UTF-8, not NUL terminated). */
    public String text() {
        return new String(value.toByteArray(), StandardCharsets.UTF_8);
    }

    static List<InformationTlv> readAll(ByteBuf buf, String what) {
        List<InformationTlv> tlvs = new ArrayList<>(4);
        while (buf.isReadable()) {
            int type = Wire.u16(buf, what + " TLV type");
            int length = Wire.u16(buf, what + " TLV " + type + " length");
            tlvs.add(new InformationTlv(type, Wire.octets(buf, length, what + " TLV " + type + " value")));
        }
        return tlvs;
    }
}
