package io.openpe.route.publish;

import io.openpe.proto.kafka.Topics;
import io.openpe.route.bgp.AsPath;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.IpUnicastRoute;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.rib.PeerView;
import io.openpe.route.rib.RibRoute;
import io.openpe.route.rib.RouteChange;
import io.openpe.route.v1.UnicastRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * IPv4/IPv6 unicast routes from the RIB to {@code openpe.route.v1.UnicastRoute} on {@code openpe.unicast-routes}.
 * Publishing them is opt-in (docs/decisions.md): DESIGN §8 needs only the EVPN routes, but an operator may want the
 * underlay and VRF tables in Kafka too. The key follows the EVPN route key scheme ({@link EvpnRoutes#key}):
 * {@link RouteOrigin.Parts#keyPrefix()} and the NLRI key.
 */
public final class UnicastRoutes {

    private UnicastRoutes() {
    }

    /** The proto form of {@code route}, or empty when it is not a unicast route. */
    public static Optional<UnicastRoute> toProto(RouteOrigin origin, RibRoute route, Instant receivedAt) {
        if (!(route.nlri() instanceof IpUnicastRoute unicast)) {
            return Optional.empty();
        }
        PerPeerHeader peer = origin.peer();
        var b = UnicastRoute.newBuilder()
                .setRouteKey(origin.parts().keyPrefix() + unicast.key().text())
                .setCluster(origin.cluster())
                .setRouter(origin.parts().router())
                .setPeer(origin.parts().peer())
                .setView(EvpnRoutes.view(origin.view()))
                .setAfiSafi(unicast.afiSafi().toString())
                .setPrefix(unicast.prefix().toString())
                .setPeerTimestamp(EvpnRoutes.peerTimestamp(peer));
        if (unicast.pathId() != Nlri.NO_PATH_ID) {
            b.setPathId((int) unicast.pathId());
        }
        if (route.nextHop() != null) {
            b.setNextHop(route.nextHop().toString());
        }
        attributes(b, route.attributes(), origin);
        if (peer.isFrrLocalRoutes()) {
            b.addCorrections(EvpnRoutes.FRR_LOCAL_ROUTE);
        }
        if (receivedAt != null) {
            b.setReceivedAt(EvpnRoutes.timestamp(receivedAt));
        }
        return Optional.of(b.build());
    }

    /** The records that publish the unicast part of {@code changes}, in order: value or tombstone. */
    public static List<Outbound> records(Function<PeerView, RouteOrigin> origins, List<RouteChange> changes,
            Instant receivedAt) {
        List<Outbound> out = new ArrayList<>();
        for (RouteChange change : changes) {
            switch (change) {
                case RouteChange.Added a -> toProto(origins.apply(change.peerView()), a.route(), receivedAt)
                        .ifPresent(r -> out.add(new Outbound(Topics.UNICAST_ROUTES, r.getRouteKey(), r)));
                case RouteChange.Replaced r -> toProto(origins.apply(change.peerView()), r.route(), receivedAt)
                        .ifPresent(p -> out.add(new Outbound(Topics.UNICAST_ROUTES, p.getRouteKey(), p)));
                case RouteChange.Withdrawn w -> {
                    if (w.previous().nlri() instanceof IpUnicastRoute) {
                        out.add(new Outbound(Topics.UNICAST_ROUTES,
                                origins.apply(change.peerView()).parts().keyPrefix() + change.key().text(), null));
                    }
                }
            }
        }
        return out;
    }

    private static void attributes(UnicastRoute.Builder b, PathAttributes attributes, RouteOrigin origin) {
        AsPath path = EvpnRoutes.asPath(attributes, origin, b::addCorrections);
        for (long asn : path.asns()) {
            b.addAsPath((int) asn);
        }
        b.setOriginAs((int) path.originAs());
        attributes.origin().ifPresent(o -> b.setOrigin(o.value()));
        attributes.localPref().ifPresent(l -> b.setHasLocalPref(true).setLocalPref((int) l.value()));
        attributes.med().ifPresent(m -> b.setHasMed(true).setMed((int) m.value()));
        for (ExtendedCommunity.RouteTarget rt : attributes.extendedCommunities(ExtendedCommunity.RouteTarget.class)) {
            b.addRouteTargets(rt.toString());
        }
    }
}
