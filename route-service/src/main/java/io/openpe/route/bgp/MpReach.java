package io.openpe.route.bgp;

import io.openpe.route.wire.IpAddress;
import java.util.List;

/**
 * MP_REACH_NLRI (RFC 4760 §3). The next hop is 4 or 16 bytes, or 32 for IPv6 global plus link-local
 * (RFC 2545 §3); {@code linkLocalNextHop} is null unless 32 bytes were sent.
 */
public record MpReach(AfiSafi afiSafi, IpAddress nextHop, IpAddress linkLocalNextHop, List<Nlri> nlri)
        implements PathAttribute {

    public MpReach {
        nlri = List.copyOf(nlri);
    }

    @Override
    public int typeCode() {
        return MP_REACH_NLRI;
    }
}
