package io.openpe.route.publish;

import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RibView;
import java.util.Set;

/**
 * Where a route was learned: the cluster and BMP router (its session's remote address, and the sysName of its
 * Initiation), the monitored peer's latest per-peer header, the RIB view, and the ASNs of the two OPENs of the peer's
 * latest Peer Up ({@code localAs} the router's, {@code peerAs} the peer's; 0 when no Peer Up was seen), and the routes
 * of this view that are copies of the pre-policy route (FRR's spurious post-policy withdrawals, DESIGN.md).
 */
public record RouteOrigin(String cluster, String routerAddress, String sysName, PerPeerHeader peer, RibView view,
                          long localAs, long peerAs, Set<NlriKey> copiedFromPrePolicy) {

    public RouteOrigin {
        copiedFromPrePolicy = Set.copyOf(copiedFromPrePolicy);
    }
}
