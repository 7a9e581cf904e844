package io.openpe.route.bmp;

import io.openpe.route.bgp.BgpUpdate;

/** Route Monitoring (RFC 7854 §4.6): the per-peer header and one BGP UPDATE. */
public record RouteMonitoring(PerPeerHeader peer, BgpUpdate update) implements BmpMessage {

    @Override
    public int type() {
        return ROUTE_MONITORING;
    }
}
