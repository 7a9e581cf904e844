package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Port: decodes the NLRI field of one AFI/SAFI. EVPN implements it in {@code io.openpe.route.evpn}. */
public interface NlriDecoder {

    /**
     * Decodes every route in {@code nlri} (exactly the NLRI field, all of it consumed) and appends them to {@code out}.
     *
     * @param addPath whether each route is preceded by a 4-byte path identifier (RFC 7911 §3)
     * @throws io.openpe.route.wire.DecodeException when a route does not fit its declared length
     */
    void decode(ByteBuf nlri, AfiSafi afiSafi, boolean addPath, List<Nlri> out);
}
