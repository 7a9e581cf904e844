package io.openpe.route.api;

import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.MacLocation;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a MAC lives in a VNI: among the type-2 routes for it (from every router, peer and view), the one with the
 * highest MAC mobility sequence wins (RFC 7432 §15: a move is advertised with a higher sequence; a route without the
 * extended community counts as sequence 0). At equal sequence a route the owning router originated itself (FRR's
 * local routes) is preferred, then the lowest next hop, so the answer does not depend on arrival order.
 */
final class MacLocations {

    private static final Comparator<EvpnRoute> WINNER = Comparator
            .comparingLong((EvpnRoute r) -> Integer.toUnsignedLong(r.getMacMobilitySequence()))
            .thenComparing(r -> r.getCorrectionsList().contains(io.openpe.route.publish.EvpnRoutes.FRR_LOCAL_ROUTE))
            .thenComparing(EvpnRoute::getNextHop, Comparator.reverseOrder());

    private MacLocations() {
    }

    static Optional<MacLocation> locate(List<EvpnRoute> routes, int vni, String mac) {
        String wanted = mac.toLowerCase(Locale.ROOT);
        return routes.stream()
                .filter(r -> r.getRouteType() == 2 && r.getVni() == vni && r.getMac().equals(wanted))
                .max(WINNER)
                .map(r -> MacLocation.newBuilder().setVtep(r.getNextHop()).setCluster(r.getCluster())
                        .setRouter(r.getRouter().getAddress()).setMobilitySequence(r.getMacMobilitySequence())
                        .setSticky(r.getMacMobilitySticky()).build());
    }
}
