package io.openpe.route.publish;

import com.google.protobuf.Timestamp;
import io.openpe.route.bgp.AsPath;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bmp.FrrLocalAsPrepend;
import io.openpe.route.bmp.PeerKey;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RibView;
import io.openpe.route.evpn.EthernetAutoDiscovery;
import io.openpe.route.evpn.EthernetSegment;
import io.openpe.route.evpn.EvpnRoute;
import io.openpe.route.evpn.InclusiveMulticast;
import io.openpe.route.evpn.IpPrefixRoute;
import io.openpe.route.evpn.MacIpAdvertisement;
import io.openpe.route.evpn.UnknownEvpnRoute;
import io.openpe.route.evpn.Vni;
import io.openpe.route.rib.RibRoute;
import io.openpe.route.v1.Encapsulation;
import io.openpe.route.v1.Esi;
import io.openpe.route.v1.Peer;
import io.openpe.route.v1.PmsiTunnel;
import io.openpe.route.v1.RouteDistinguisher;
import io.openpe.route.v1.Router;
import io.openpe.route.v1.VniSource;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.rib.PeerView;
import io.openpe.route.rib.RouteChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.Locale;
import java.util.Optional;

/**
 * EVPN routes from the RIB to {@code openpe.route.v1.EvpnRoute} (DESIGN §8): every field typed, nothing left as a
 * wire structure. Only the route's own NLRI and the attributes of its UPDATE are read; corrections to what was sent
 * are listed in {@code corrections}.
 */
public final class EvpnRoutes {

    /** FRR 8.4 sends the router's own routes as a post-policy peer 0.0.0.0, AS 0 (DESIGN §6). */
    public static final String FRR_LOCAL_ROUTE = "frr-local-route";

    /**
     * A post-policy route FRR 8.4 sent as a withdrawal right after the peer came up, published as a copy of its
     * pre-policy route (session.PostPolicyResync, DESIGN.md).
     */
    public static final String FRR_POST_POLICY_FROM_PRE_POLICY = "frr-post-policy-from-pre-policy";

    private EvpnRoutes() {
    }

    /**
     * The stable Kafka key of a route: {@code <cluster>/<router>/<peer>/<view>/<NLRI key>}, the NLRI key being
     * {@code <rd>/<type>/<type-specific fields>} (RFC 7432 §7 route key fields only, so an update of the same route
     * keeps its key and its order on the partition).
     */
    public static String key(String cluster, String router, PeerKey peer, RibView view, NlriKey nlri) {
        return keyPrefix(cluster, router, peer, view) + nlri.text();
    }

    /** The key up to the NLRI key, the same for every route of one peer view: kept in {@link RouteOrigin.Parts}. */
    static String keyPrefix(String cluster, String router, PeerKey peer, RibView view) {
        return cluster + "/" + router + "/" + peer + "/" + viewName(view) + "/";
    }

    /** "adj-rib-in-pre-policy", "adj-rib-in-post-policy", "adj-rib-out-pre-policy", "adj-rib-out-post-policy", "loc-rib". */
    public static String viewName(RibView view) {
        return view.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The proto form of {@code route}, or empty when it is not an EVPN route (unicast routes are kept, not published). */
    public static Optional<io.openpe.route.v1.EvpnRoute> toProto(RouteOrigin origin, RibRoute route,
            Instant receivedAt) {
        if (!(route.nlri() instanceof EvpnRoute evpn)) {
            return Optional.empty();
        }
        PerPeerHeader peer = origin.peer();
        var b = io.openpe.route.v1.EvpnRoute.newBuilder()
                .setRouteKey(origin.parts().keyPrefix() + evpn.key().text())
                .setCluster(origin.cluster())
                .setRouter(origin.parts().router())
                .setPeer(origin.parts().peer())
                .setView(view(origin.view()))
                .setRouteType(evpn.routeType())
                .setPeerTimestamp(peerTimestamp(peer));
        if (evpn.pathId() >= 0) {
            b.setPathId((int) evpn.pathId());
        }
        nlri(b, evpn);
        Vni vni = Vni.of(evpn, route.attributes());
        b.setVni(vni.value()).setVniSource(vniSource(vni.source()));
        if (route.nextHop() != null) {
            b.setNextHop(route.nextHop().toString());
        }
        attributes(b, route.attributes(), origin);
        if (peer.isFrrLocalRoutes()) {
            b.addCorrections(FRR_LOCAL_ROUTE);
        }
        if (origin.copiedFromPrePolicy().contains(evpn.key())) {
            b.addCorrections(FRR_POST_POLICY_FROM_PRE_POLICY);
        }
        if (receivedAt != null) {
            b.setReceivedAt(timestamp(receivedAt));
        }
        return Optional.of(b.build());
    }

    /**
     * The records that publish {@code changes}: the new value for an added or replaced route, a tombstone for a
     * withdrawn one, in the order of the changes. Non-EVPN routes have no record.
     */
    public static List<Outbound> records(Function<PeerView, RouteOrigin> origins, List<RouteChange> changes,
            Instant receivedAt) {
        List<Outbound> out = new ArrayList<>(changes.size());
        for (RouteChange change : changes) {
            RouteOrigin origin = origins.apply(change.peerView());
            switch (change) {
                case RouteChange.Added a -> toProto(origin, a.route(), receivedAt)
                        .ifPresent(r -> out.add(new Outbound(Topics.EVPN_ROUTES, r.getRouteKey(), r)));
                case RouteChange.Replaced r -> toProto(origin, r.route(), receivedAt)
                        .ifPresent(p -> out.add(new Outbound(Topics.EVPN_ROUTES, p.getRouteKey(), p)));
                case RouteChange.Withdrawn w -> {
                    if (w.previous().nlri() instanceof EvpnRoute) {
                        out.add(new Outbound(Topics.EVPN_ROUTES, origin.parts().keyPrefix() + change.key().text(),
                                null));
                    }
                }
            }
        }
        return out;
    }

    private static void nlri(io.openpe.route.v1.EvpnRoute.Builder b, EvpnRoute evpn) {
        switch (evpn) {
            case EthernetAutoDiscovery r -> b.setRd(rd(r.rd())).setEsi(esi(r.esi()))
                    .setEthernetTag((int) r.ethernetTag()).addLabelsRaw(r.label().raw());
            case MacIpAdvertisement r -> {
                b.setRd(rd(r.rd())).setEsi(esi(r.esi())).setEthernetTag((int) r.ethernetTag())
                        .setMac(r.mac().toString()).addLabelsRaw(r.label1().raw());
                if (r.ip() != null) {
                    b.setIp(r.ip().toString());
                }
                if (r.label2() != null) {
                    b.addLabelsRaw(r.label2().raw());
                }
            }
            case InclusiveMulticast r -> b.setRd(rd(r.rd())).setEthernetTag((int) r.ethernetTag())
                    .setIp(r.originator().toString());
            case EthernetSegment r -> b.setRd(rd(r.rd())).setEsi(esi(r.esi())).setIp(r.originator().toString());
            case IpPrefixRoute r -> b.setRd(rd(r.rd())).setEsi(esi(r.esi())).setEthernetTag((int) r.ethernetTag())
                    .setPrefix(r.prefix().toString()).setGatewayIp(r.gateway().toString())
                    .addLabelsRaw(r.label().raw());
            case UnknownEvpnRoute _ -> { }
        }
    }

    /**
     * The AS path as the peer sent it: FRR's prepended local AS removed from a received eBGP route, the correction
     * handed to {@code corrections} (DESIGN §6). Shared by every published route family.
     */
    static AsPath asPath(PathAttributes attributes, RouteOrigin origin, Consumer<String> corrections) {
        AsPath sent = attributes.effectiveAsPath();
        // Only what the router received: a path it sends (Adj-RIB-Out) rightly starts with its own AS.
        boolean received = origin.view() == RibView.ADJ_RIB_IN_PRE_POLICY
                || origin.view() == RibView.ADJ_RIB_IN_POST_POLICY;
        Optional<AsPath> stripped = received
                ? FrrLocalAsPrepend.stripped(sent, origin.localAs(), origin.peerAs()) : Optional.empty();
        stripped.ifPresent(p -> corrections.accept(FrrLocalAsPrepend.CORRECTION));
        return stripped.orElse(sent);
    }

    private static void attributes(io.openpe.route.v1.EvpnRoute.Builder b, PathAttributes attributes,
            RouteOrigin origin) {
        AsPath path = asPath(attributes, origin, b::addCorrections);
        for (long asn : path.asns()) {
            b.addAsPath((int) asn);
        }
        b.setOriginAs((int) path.originAs());
        for (ExtendedCommunity c : attributes.extendedCommunities()) {
            switch (c) {
                case ExtendedCommunity.RouteTarget rt -> b.addRouteTargets(rt.toString());
                case ExtendedCommunity.Encapsulation e -> b.setEncapsulation(encapsulation(e.tunnelType()));
                case ExtendedCommunity.RouterMac m -> b.setRouterMac(m.mac().toString());
                case ExtendedCommunity.MacMobility m -> b.setHasMacMobility(true)
                        .setMacMobilitySequence((int) m.sequence()).setMacMobilitySticky(m.sticky());
                case ExtendedCommunity.DefaultGateway _ -> b.setDefaultGateway(true);
                case ExtendedCommunity.EsiLabel l -> b.setEsiLabel(l.label().raw());
                case ExtendedCommunity.Raw _ -> { }
            }
        }
        attributes.pmsiTunnel().ifPresent(p -> {
            var pmsi = PmsiTunnel.newBuilder().setFlags(p.flags()).setTunnelType(p.tunnelType())
                    .setLabelRaw(p.label().raw());
            p.endpoint().ifPresent(e -> pmsi.setTunnelEndpoint(e.toString()));
            b.setPmsi(pmsi);
        });
    }

    static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    /** The per-peer header's time (seconds and microseconds, RFC 7854 §4.2), a bad microsecond field clamped. */
    static Timestamp peerTimestamp(PerPeerHeader peer) {
        return Timestamp.newBuilder().setSeconds(peer.timestampSeconds())
                .setNanos((int) Math.min(peer.timestampMicros() * 1000, 999_999_999)).build();
    }

    public static Router router(String address, String sysName) {
        return Router.newBuilder().setAddress(address).setSysName(sysName == null ? "" : sysName).build();
    }

    public static Peer peer(PerPeerHeader peer) {
        return Peer.newBuilder().setAddress(peer.address().toString()).setAsn((int) peer.asn())
                .setBgpId(peer.bgpId().toString()).setType(peer.peerType())
                .setDistinguisher(peer.distinguisher().raw() == 0 ? "" : peer.distinguisher().toString()).build();
    }

    public static io.openpe.route.v1.RibView view(RibView view) {
        return switch (view) {
            case ADJ_RIB_IN_PRE_POLICY -> io.openpe.route.v1.RibView.RIB_VIEW_ADJ_RIB_IN_PRE_POLICY;
            case ADJ_RIB_IN_POST_POLICY -> io.openpe.route.v1.RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY;
            case ADJ_RIB_OUT_PRE_POLICY -> io.openpe.route.v1.RibView.RIB_VIEW_ADJ_RIB_OUT_PRE_POLICY;
            case ADJ_RIB_OUT_POST_POLICY -> io.openpe.route.v1.RibView.RIB_VIEW_ADJ_RIB_OUT_POST_POLICY;
            case LOC_RIB -> io.openpe.route.v1.RibView.RIB_VIEW_LOC_RIB;
        };
    }

    private static VniSource vniSource(io.openpe.route.evpn.VniSource source) {
        return switch (source) {
            case NONE -> VniSource.VNI_SOURCE_UNSPECIFIED;
            case LABEL -> VniSource.VNI_SOURCE_LABEL;
            case ROUTE_TARGET -> VniSource.VNI_SOURCE_ROUTE_TARGET;
            case PMSI -> VniSource.VNI_SOURCE_PMSI;
        };
    }

    private static Encapsulation encapsulation(int tunnelType) {
        Encapsulation e = Encapsulation.forNumber(tunnelType);
        return e == null ? Encapsulation.ENCAPSULATION_UNSPECIFIED : e;
    }

    private static RouteDistinguisher rd(io.openpe.route.wire.RouteDistinguisher rd) {
        return RouteDistinguisher.newBuilder().setType(rd.type()).setValue(rd.toString()).build();
    }

    private static Esi esi(io.openpe.route.wire.Esi esi) {
        return Esi.newBuilder().setType(esi.type()).setValue(esi.toString()).build();
    }
}
