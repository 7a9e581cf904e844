package io.openpe.route.bgp;

import io.openpe.route.wire.IpAddress;

/** NEXT_HOP (RFC 4271 §5.1.3), IPv4 unicast only; other families carry theirs in MP_REACH_NLRI. */
public record NextHop(IpAddress address) implements PathAttribute {

    @Override
    public int typeCode() {
        return NEXT_HOP;
    }
}
