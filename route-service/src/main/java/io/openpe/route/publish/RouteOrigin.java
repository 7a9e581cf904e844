package io.openpe.route.publish;

import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RibView;

/**
 * Where a route was learned: the cluster and BMP router (its session's remote address, and the sysName of its
 * Initiation), the monitored peer's latest per-peer header, and the RIB view.
 */
public record RouteOrigin(String cluster, String routerAddress, String sysName, PerPeerHeader peer, RibView view) {
}
