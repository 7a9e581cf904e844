package io.openpe.route.publish;

import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RibView;
import io.openpe.route.v1.Peer;
import io.openpe.route.v1.Router;
import java.util.Set;

/**
 * Where a route was learned: the cluster and BMP router (its session's remote address, and the sysName of its
 * Initiation), the monitored peer's latest per-peer header, the RIB view, and the ASNs of the two OPENs of the peer's
 * latest Peer Up ({@code localAs} the router's, {@code peerAs} the peer's; 0 when no Peer Up was seen), and the routes
 * of this view that are copies of the pre-policy route (FRR's spurious post-policy withdrawals, DESIGN.md; a read-only
 * view of the router's state, so an origin is used at once, under the router's monitor, never kept); plus the
 * parts of every record of that origin that do not change from route to route ({@link Parts}), which a router's state
 * keeps instead of rebuilding them per route.
 */
public record RouteOrigin(String cluster, String routerAddress, String sysName, PerPeerHeader peer, RibView view,
                          long localAs, long peerAs, Set<NlriKey> copiedFromPrePolicy, Parts parts) {

    /**
     * The route key up to the NLRI key ({@code <cluster>/<router>/<peer>/<view>/}) and the Router and Peer messages.
     * They depend on the header's identity fields, never on its timestamps ({@link #sameIdentity}).
     */
    public record Parts(String keyPrefix, Router router, Peer peer) {
    }

    /** An origin with its {@link Parts} made on the spot (offline decoding; the service caches them per view). */
    public static RouteOrigin of(String cluster, String routerAddress, String sysName, PerPeerHeader peer,
            RibView view, long localAs, long peerAs, Set<NlriKey> copiedFromPrePolicy) {
        return new RouteOrigin(cluster, routerAddress, sysName, peer, view, localAs, peerAs, copiedFromPrePolicy,
                parts(cluster, routerAddress, sysName, peer, view));
    }

    public static Parts parts(String cluster, String routerAddress, String sysName, PerPeerHeader peer,
            RibView view) {
        return new Parts(EvpnRoutes.keyPrefix(cluster, routerAddress, peer.key(), view),
                EvpnRoutes.router(routerAddress, sysName), EvpnRoutes.peer(peer));
    }

    /** Whether two headers give the same {@link Parts}: same peer, AS and BGP id, whatever their timestamps. */
    public static boolean sameIdentity(PerPeerHeader a, PerPeerHeader b) {
        return a.asn() == b.asn() && a.bgpId().equals(b.bgpId()) && a.key().equals(b.key());
    }
}
