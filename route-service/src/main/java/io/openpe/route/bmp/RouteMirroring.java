package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Route Mirroring (RFC 7854 §4.7): per-peer header then TLVs: 0 a BGP message as received (kept raw, it may be
 * malformed by definition), 1 information (2 bytes: 0 errored PDU, 1 messages lost).
 */
public record RouteMirroring(PerPeerHeader peer, List<InformationTlv> tlvs) implements BmpMessage {

    public static final int BGP_MESSAGE = 0;
    public static final int INFORMATION = 1;

    public RouteMirroring {
        tlvs = List.copyOf(tlvs);
    }

    static RouteMirroring decode(PerPeerHeader peer, ByteBuf body) {
        return new RouteMirroring(peer, InformationTlv.readAll(body, "Route Mirroring"));
    }

    @Override
    public int type() {
        return ROUTE_MIRRORING;
    }
}
