package io.openpe.route.publish;

import io.openpe.route.mobility.MacAdvertisement;
import io.openpe.route.mobility.MacIndex;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.MacLocation;
import java.util.Optional;

/** Type-2 route records to the MAC mobility domain ({@link MacAdvertisement}) and MAC locations back to proto. */
public final class MacAdvertisements {

    private MacAdvertisements() {
    }

    /** What a published route says about its MAC; empty for a route that is not type 2. */
    public static Optional<MacAdvertisement> fromProto(EvpnRoute route) {
        if (route.getRouteType() != 2) {
            return Optional.empty();
        }
        return Optional.of(new MacAdvertisement(route.getRouteKey(), route.getVni(), route.getMac(),
                route.getNextHop(), Integer.toUnsignedLong(route.getMacMobilitySequence()),
                route.getMacMobilitySticky(), route.getCluster(), route.getRouter().getAddress(),
                route.getPeer().getAddress()));
    }

    /** The location {@code advertisement} gives, without a time. */
    public static MacLocation.Builder location(MacAdvertisement advertisement) {
        return MacLocation.newBuilder().setVtep(advertisement.vtep()).setCluster(advertisement.cluster())
                .setRouter(advertisement.router()).setMobilitySequence((int) advertisement.sequence())
                .setSticky(advertisement.sticky()).setPeer(advertisement.peer())
                .setRouteKey(advertisement.routeKey());
    }

    /** A MAC's current location, as LocateMac and WatchMac report it. */
    public static MacLocation toProto(MacIndex.Location location) {
        return location(location.advertisement()).setSince(EvpnRoutes.timestamp(location.since()))
                .setDuplicate(location.duplicate()).build();
    }
}
