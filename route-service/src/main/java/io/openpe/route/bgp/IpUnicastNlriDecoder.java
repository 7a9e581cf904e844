package io.openpe.route.bgp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.IpPrefix;
import io.openpe.route.wire.Wire;
import java.util.List;

/** IPv4/IPv6 unicast NLRI: (path id,) length in bits, prefix bytes; repeated to the end of the field. */
final class IpUnicastNlriDecoder implements NlriDecoder {

    @Override
    public void decode(ByteBuf nlri, AfiSafi afiSafi, boolean addPath, List<Nlri> out) {
        boolean v6 = afiSafi.afi() == 2;
        String what = v6 ? "ipv6-unicast" : "ipv4-unicast";
        while (nlri.isReadable()) {
            long pathId = addPath ? Wire.u32(nlri, addPath && v6 ? "ipv6-unicast path id" : "ipv4-unicast path id")
                    : Nlri.NO_PATH_ID;
            out.add(new IpUnicastRoute(pathId, IpPrefix.readEncoded(nlri, v6, what)));
        }
    }
}
