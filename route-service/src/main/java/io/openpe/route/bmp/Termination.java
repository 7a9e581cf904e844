package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;

/**
 * Termination (RFC 7854 §4.5): TLVs 0 string and 1 reason (2 bytes: 0 administratively closed, 1 unspecified,
 * 2 out of resources, 3 redundant connection, 4 permanently closed). FRR never sends it (DESIGN §6).
 */
public record Termination(List<InformationTlv> tlvs) implements BmpMessage {

    public static final int STRING = 0;
    public static final int REASON = 1;

    public Termination {
        tlvs = List.copyOf(tlvs);
    }

    static Termination decode(ByteBuf body) {
        return new Termination(InformationTlv.readAll(body, "Termination"));
    }

    @Override
    public int type() {
        return TERMINATION;
    }

    /** The reason code, when a 2-byte reason TLV is present. */
    public Optional<Integer> reason() {
        return tlvs.stream().filter(t -> t.type() == REASON && t.value().length() == 2).findFirst()
                .map(t -> t.value().get(0) << 8 | t.value().get(1));
    }
}
