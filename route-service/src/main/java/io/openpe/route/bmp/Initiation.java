package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;

/** Initiation (RFC 7854 §4.3): information TLVs: 0 string, 1 sysDescr, 2 sysName. */
public record Initiation(List<InformationTlv> tlvs) implements BmpMessage {

    public static final int STRING = 0;
    public static final int SYS_DESCR = 1;
    public static final int SYS_NAME = 2;

    public Initiation {
        tlvs = List.copyOf(tlvs);
    }

    static Initiation decode(ByteBuf body) {
        return new Initiation(InformationTlv.readAll(body, "Initiation"));
    }

    @Override
    public int type() {
        return INITIATION;
    }

    public Optional<String> sysName() {
        return text(SYS_NAME);
    }

    public Optional<String> sysDescr() {
        return text(SYS_DESCR);
    }

    private Optional<String> text(int type) {
        return tlvs.stream().filter(t -> t.type() == type).findFirst().map(InformationTlv::text);
    }
}
