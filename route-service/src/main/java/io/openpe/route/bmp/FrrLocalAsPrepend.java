package io.openpe.route.bmp;

import io.openpe.route.bgp.AsPath;
import io.openpe.route.bgp.AsPathSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * FRR 8.4's BMP Route Monitoring of an eBGP peer carries the monitored router's own AS in front of the path the peer
 * sent: {@code bmp_update} (bgpd/bgp_bmp.c) encodes the attributes with {@code bgp_packet_attribute(NULL, peer, ...)},
 * the function that builds an UPDATE <em>to</em> {@code peer}, and for an eBGP {@code peer} it prepends
 * {@code peer->local_as} (bgpd/bgp_attr.c). Pre- and post-policy copies are both affected.
 *
 * <p>The correction is made only where it is certain: the peer is eBGP (the ASNs of the two OPENs of its Peer Up
 * differ), the path starts with an AS_SEQUENCE whose first AS is the router's (its own OPEN) and whose second AS is the
 * peer's (the peer's OPEN; an eBGP speaker puts its own AS first, RFC 4271 §5.1.2). Anything else (no Peer Up seen,
 * {@code as-path unchanged}, {@code local-as} without {@code no-prepend}, confederations, a path that starts with a
 * set) is left as sent.
 */
public final class FrrLocalAsPrepend {

    /** The correction tag a route carries when its AS_PATH lost FRR's prepended local AS. */
    public static final String CORRECTION = "frr-ebgp-local-as-prepended";

    private FrrLocalAsPrepend() {
    }

    /**
     * The path without FRR's prepended local AS, or empty when the path is to be kept as sent.
     *
     * @param localAs the AS of the router's own OPEN in the peer's Peer Up, 0 when unknown
     * @param peerAs the AS of the peer's OPEN in that Peer Up, 0 when unknown
     */
    public static Optional<AsPath> stripped(AsPath path, long localAs, long peerAs) {
        if (localAs == 0 || peerAs == 0 || localAs == peerAs || path.segments().isEmpty()) {
            return Optional.empty();
        }
        AsPathSegment first = path.segments().getFirst();
        if (first.type() != AsPathSegment.AS_SEQUENCE || first.size() < 2 || first.asn(0) != localAs
                || first.asn(1) != peerAs) {
            return Optional.empty();
        }
        long[] asns = first.asns();
        List<AsPathSegment> segments = new ArrayList<>(path.segments());
        segments.set(0, new AsPathSegment(AsPathSegment.AS_SEQUENCE, java.util.Arrays.copyOfRange(asns, 1,
                asns.length)));
        return Optional.of(new AsPath(segments));
    }
}
