package io.openpe.route.bgp;

import io.openpe.route.wire.IpPrefix;

/** An IPv4 or IPv6 unicast prefix (RFC 4271 §4.3, RFC 4760). */
public record IpUnicastRoute(long pathId, IpPrefix prefix) implements Nlri {

    @Override
    public AfiSafi afiSafi() {
        return prefix.address().v6() ? AfiSafi.IPV6_UNICAST : AfiSafi.IPV4_UNICAST;
    }

    @Override
    public NlriKey key() {
        return new Key(prefix, pathId);
    }

    /** A unicast route is identified by its prefix (and path id under ADD-PATH). */
    public record Key(IpPrefix prefix, long pathId) implements NlriKey {
        @Override
        public String text() {
            String family = prefix.address().v6() ? AfiSafi.IPV6_UNICAST.toString() : AfiSafi.IPV4_UNICAST.toString();
            return NlriKey.withPathId(family + "/" + prefix, pathId);
        }
    }
}
