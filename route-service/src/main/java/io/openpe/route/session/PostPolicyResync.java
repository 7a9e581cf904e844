package io.openpe.route.session;

import io.openpe.route.bgp.AsPath;
import io.openpe.route.bgp.BgpUpdate;
import io.openpe.route.bgp.MpReach;
import io.openpe.route.bgp.MpUnreach;
import io.openpe.route.bgp.NextHop;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bgp.PathAttribute;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bmp.FrrLocalAsPrepend;
import io.openpe.route.bmp.PeerKey;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RibView;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.rib.AdjRibIn;
import io.openpe.route.rib.PeerView;
import io.openpe.route.rib.RibRoute;
import io.openpe.route.wire.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * FRR 8.4's post-policy view over BMP lags its table, and its pre-policy view keeps routes it never withdraws; both
 * are corrected here (bgpd/bgp_bmp.c, bgp_route.c, bgp_nht.c of 8.4.4; route-service DESIGN "FRR 8.4 quirks").
 *
 * <p><b>Post-policy withdrawals of routes FRR accepted.</b> {@code bmp_wrqueue} looks for the peer's path with
 * {@code BGP_PATH_VALID} and, finding none, encodes a post-policy withdrawal, then the pre-policy copy (Adj-RIB-In
 * with soft-reconfiguration) for the same queue entry. A path is VALID only once zebra has resolved its next hop, and
 * a next hop not tracked yet (a VTEP new to the router, at any time, not only after a Peer Up) is unresolved when the
 * UPDATE is processed; {@code evaluate_paths} (bgp_nht.c), which sets VALID later, does not call the BMP hook, so no
 * post-policy announcement follows. Rule: a post-policy withdrawal makes the route <em>suspect</em>; when the next
 * pre-policy message of the same peer announces it and the post-policy view does not hold it, the announcement is
 * applied to the post-policy view too, marked until the post-policy view reports the route itself. A pre-policy
 * withdrawal, a post-policy announcement or the peer's next Peer Up/Down clears the suspicion.
 *
 * <p><b>The router's own routes.</b> {@code bmp_wrsync} sends them (peer_self: peer 0.0.0.0, AS 0, post-policy) in a
 * session's initial dump only: the {@code bgp_process} hook that queues a route for BMP is called for received
 * UPDATEs alone ({@code bgp_update}/{@code bgp_withdraw}), never for locally originated routes, so FRR announces no
 * later own route and withdraws none. Kept, such a record would stay on the topic after the route is gone (seen on
 * the fabric: FaultsOnTheFabricE2E); they are kept off the RIB. Every other router reports the route as received.
 *
 * <p><b>Routes FRR denies.</b> A denied UPDATE gives the same two messages (the filtered path has no VALID path), so
 * the copy is refused where FRR's {@code bgp_update} denies: the router's own AS more often in the AS_PATH (without
 * FRR's prepend) than {@code allowas-in} permits (RFC 4271 §9.1.2; node-programmer renders {@code allowas-in}, FRR's
 * default of 3), or a next hop that is the router's own VTEP or router id as its node plan names them ("martian or
 * self next-hop": a node's own routes echoed back by its eBGP leaf). Such a route's pre-policy announcement is
 * applied as a withdrawal: when the peer later withdraws it, {@code bgp_withdraw} removes it from Adj-RIB-In and
 * returns without calling the BMP hook (no path to withdraw), so a published copy would stay on the topic for ever. A
 * route an inbound policy filters looks like an unresolved next hop; openpe renders no inbound policy on EVPN
 * neighbors, and the mark lets a consumer that has one tell the copy apart. The plans can arrive after the routes, so
 * the same rule is applied again to the routes held when a plan changes ({@link #redecide}).
 *
 * <p>Pure, per router; the caller holds the router's monitor.
 */
public final class PostPolicyResync {

    /** {@code openpe.bmp.allowas-in}'s default: FRR's count for {@code neighbor X allowas-in} without a number. */
    public static final int DEFAULT_ALLOWAS_IN = 3;

    /**
     * What to apply to the RIB instead of one Route Monitoring, how many routes FRR denied in it, and how many of the
     * router's own routes it held (kept off the RIB).
     */
    public record Observed(List<RouteMonitoring> apply, int denied, int own) {

        public Observed(List<RouteMonitoring> apply, int denied) {
            this(apply, denied, 0);
        }
    }

    private final int allowasIn;
    /**
     * Whether an address is the router id or VTEP of the planned node that one of the router's addresses (session
     * address, the local addresses and BGP identifiers of its Peer Ups) names (RouterClusters#sameNode).
     */
    private final BiPredicate<Set<String>, String> plannedOwn;
    /** The addresses the router is known by: its session address, its Peer Ups' local addresses and BGP ids. */
    private final Set<String> known = new HashSet<>();
    private final Set<String> knownAs = Collections.unmodifiableSet(known);
    /** The router's own AS and the peer's, from the OPENs of the peer's Peer Up. */
    private final Map<PeerKey, long[]> asns = new HashMap<>();
    private final Map<PeerKey, Set<NlriKey>> suspects = new HashMap<>();
    private final Map<PeerKey, Set<NlriKey>> copied = new HashMap<>();

    /**
     * @param routerAddress the router's BMP session address
     * @param allowasIn how often the router's own AS may appear in a path it accepts ({@code openpe.bmp.allowas-in})
     * @param plannedOwn whether the second argument is an address of the node known by the first (the plans)
     */
    public PostPolicyResync(String routerAddress, int allowasIn, BiPredicate<Set<String>, String> plannedOwn) {
        this.allowasIn = allowasIn;
        this.plannedOwn = plannedOwn;
        known.add(routerAddress);
    }

    public void peerUp(PeerKey peer, long localAs, long peerAs, IpAddress localAddress, IpAddress bgpId) {
        asns.put(peer, new long[] {localAs, peerAs});
        suspects.remove(peer);
        copied.remove(peer);
        for (IpAddress address : List.of(localAddress, bgpId)) {
            if (!address.isUnspecified()) {
                known.add(address.toString());
            }
        }
    }

    public void peerDown(PeerKey peer) {
        asns.remove(peer);
        suspects.remove(peer);
        copied.remove(peer);
    }

    /** Looks at one Route Monitoring before it is applied to {@code rib}; returns what to apply instead. */
    public Observed observe(RouteMonitoring message, AdjRibIn rib) {
        PerPeerHeader header = message.peer();
        if (header.isFrrLocalRoutes()) {
            return new Observed(List.of(), 0, message.update().announced().size());
        }
        if (header.isLocRib() || header.adjRibOut()) {
            return new Observed(List.of(message), 0);
        }
        PeerKey peer = header.key();
        BgpUpdate update = message.update();
        if (header.postPolicy()) {
            Set<NlriKey> copies = copied.get(peer);
            Set<NlriKey> suspect = suspects.get(peer);
            for (Nlri nlri : update.announced()) {
                if (copies != null) {
                    copies.remove(nlri.key());
                }
                if (suspect != null) {
                    suspect.remove(nlri.key());
                }
            }
            for (Nlri nlri : update.withdrawn()) {
                if (copies != null) {
                    copies.remove(nlri.key());
                }
                suspects.computeIfAbsent(peer, p -> new HashSet<>()).add(nlri.key());
            }
            return new Observed(List.of(message), 0);
        }
        Set<NlriKey> suspect = suspects.computeIfAbsent(peer, p -> new HashSet<>());
        for (Nlri nlri : update.withdrawn()) {
            suspect.remove(nlri.key());
        }
        List<Nlri> announced = update.announced();
        if (announced.isEmpty()) {
            return new Observed(List.of(message), 0);
        }
        if (denied(peer, update)) {
            for (Nlri nlri : announced) {
                suspect.remove(nlri.key());
            }
            return new Observed(List.of(new RouteMonitoring(header, withdrawal(update))), announced.size());
        }
        PeerView post = new PeerView(peer, RibView.ADJ_RIB_IN_POST_POLICY);
        Set<NlriKey> resync = new HashSet<>();
        for (Nlri nlri : announced) {
            if (suspect.remove(nlri.key()) && rib.route(post, nlri.key()).isEmpty()) {
                resync.add(nlri.key());
            }
        }
        if (resync.isEmpty()) {
            return new Observed(List.of(message), 0);
        }
        copied.computeIfAbsent(peer, p -> new HashSet<>()).addAll(resync);
        return new Observed(List.of(message, new RouteMonitoring(postPolicy(header), only(update, resync))), 0);
    }

    /**
     * Re-decides the routes the router holds after its node plan arrived or changed: the echo of a node's own route
     * can arrive before route-service has read the plan that names the node's VTEP (the plans are read from the
     * beginning at start, the routers connect at once), and was then accepted. Every pre-policy route the rule
     * ({@link #denied(PeerKey, Optional, AsPath)}) now denies is withdrawn, with its post-policy copy; a post-policy
     * route FRR reported itself is FRR's word and stays. A route denied earlier is not restored when a plan no longer
     * names its next hop: route-service has dropped it, and FRR's next announcement of it is decided afresh.
     *
     * @param headers the latest per-peer header of a peer (RouterState#seen), null when none was seen
     * @return the withdrawals to apply to {@code rib}, and how many pre-policy routes were denied
     */
    public Observed redecide(AdjRibIn rib, Function<PeerKey, PerPeerHeader> headers) {
        List<RouteMonitoring> apply = new ArrayList<>();
        int denied = 0;
        for (PeerView view : rib.peerViews()) {
            PerPeerHeader header = headers.apply(view.peer());
            if (view.view() != RibView.ADJ_RIB_IN_PRE_POLICY || header == null) {
                continue;
            }
            List<Nlri> withdrawn = new ArrayList<>();
            for (RibRoute route : rib.routes(view)) {
                if (denied(view.peer(), Optional.ofNullable(route.nextHop()), route.attributes().effectiveAsPath())) {
                    withdrawn.add(route.nlri());
                }
            }
            if (withdrawn.isEmpty()) {
                continue;
            }
            denied += withdrawn.size();
            apply.add(new RouteMonitoring(prePolicy(header), withdrawalOf(withdrawn)));
            Set<NlriKey> copies = copied.getOrDefault(view.peer(), new HashSet<>());
            Set<NlriKey> suspect = suspects.getOrDefault(view.peer(), new HashSet<>());
            List<Nlri> copiesWithdrawn = new ArrayList<>();
            for (Nlri nlri : withdrawn) {
                suspect.remove(nlri.key());
                if (copies.remove(nlri.key())) {
                    copiesWithdrawn.add(nlri);
                }
            }
            if (!copiesWithdrawn.isEmpty()) {
                apply.add(new RouteMonitoring(postPolicy(header), withdrawalOf(copiesWithdrawn)));
            }
        }
        return new Observed(apply, denied);
    }

    /** Whether the router's addresses (session, Peer Ups' local addresses and BGP ids) include one of these. */
    public boolean knownByAny(Set<String> addresses) {
        for (String address : addresses) {
            if (known.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether FRR's {@code bgp_update} denies the announcement: an AS loop beyond allowas-in, or a self next hop. */
    private boolean denied(PeerKey peer, BgpUpdate update) {
        PathAttributes attributes = update.attributes();
        Optional<IpAddress> nextHop = attributes.mpReach().map(MpReach::nextHop)
                .or(() -> attributes.nextHop().map(NextHop::address));
        return denied(peer, nextHop, attributes.effectiveAsPath());
    }

    /**
     * The one denial rule, for a route as it arrives and for a held route when the plans change: its next hop is the
     * router's own planned VTEP or router id, or its AS path (without FRR's prepend) holds the router's own AS more
     * often than allowas-in permits.
     */
    private boolean denied(PeerKey peer, Optional<IpAddress> nextHop, AsPath sent) {
        if (nextHop.isPresent() && isOwn(nextHop.get().toString())) {
            return true;
        }
        long[] opens = asns.get(peer);
        if (opens == null || opens[0] == 0) {
            return false;
        }
        AsPath path = FrrLocalAsPrepend.stripped(sent, opens[0], opens[1]).orElse(sent);
        int own = 0;
        for (long asn : path.asns()) {
            if (asn == opens[0]) {
                own++;
            }
        }
        return own > allowasIn;
    }

    /**
     * Whether {@code address} is the VTEP or router id of this router's planned node: the plans name the VTEP, the next
     * hop of a node's echoed EVPN routes, which no BMP message carries. The addresses the router is known by only find
     * its plan (FRR's own list, every interface address, is not visible over BMP).
     */
    private boolean isOwn(String address) {
        return plannedOwn.test(knownAs, address);
    }

    /**
     * The keys of {@code peer}'s post-policy view that hold a copy of the pre-policy route: a read-only view, not a
     * copy (it is asked once per route change, and a re-sync can hold thousands of keys), to be read while the
     * router's monitor is held.
     */
    public Set<NlriKey> copiedFromPrePolicy(PeerKey peer) {
        Set<NlriKey> keys = copied.get(peer);
        return keys == null ? Set.of() : Collections.unmodifiableSet(keys);
    }

    private static PerPeerHeader postPolicy(PerPeerHeader h) {
        return new PerPeerHeader(h.peerType(), h.flags() | PerPeerHeader.FLAG_L, h.distinguisher(), h.address(),
                h.asn(), h.bgpId(), h.timestampSeconds(), h.timestampMicros());
    }

    /** The peer's header for its Adj-RIB-In pre-policy view (the latest header seen may be of another view). */
    private static PerPeerHeader prePolicy(PerPeerHeader h) {
        return new PerPeerHeader(h.peerType(), h.flags() & ~(PerPeerHeader.FLAG_L | PerPeerHeader.FLAG_O),
                h.distinguisher(), h.address(), h.asn(), h.bgpId(), h.timestampSeconds(), h.timestampMicros());
    }

    /** An UPDATE withdrawing {@code routes} (AdjRibIn finds a route by its NLRI, whatever attribute carries it). */
    private static BgpUpdate withdrawalOf(List<Nlri> routes) {
        return new BgpUpdate(List.copyOf(routes), PathAttributes.NONE, List.of());
    }

    /** The announcement of {@code update} restricted to {@code keys}, without its withdrawals. */
    private static BgpUpdate only(BgpUpdate update, Set<NlriKey> keys) {
        List<PathAttribute> attributes = new ArrayList<>(update.attributes().all().size());
        for (PathAttribute a : update.attributes().all()) {
            switch (a) {
                case MpUnreach _ -> { }
                case MpReach r -> attributes.add(new MpReach(r.afiSafi(), r.nextHop(), r.linkLocalNextHop(),
                        r.nlri().stream().filter(n -> keys.contains(n.key())).toList()));
                default -> attributes.add(a);
            }
        }
        return new BgpUpdate(List.of(), new PathAttributes(attributes),
                update.nlri().stream().filter(n -> keys.contains(n.key())).toList());
    }
    /** The announcement of {@code update} as a withdrawal of the same routes (its own withdrawals kept). */
    private static BgpUpdate withdrawal(BgpUpdate update) {
        List<PathAttribute> attributes = new ArrayList<>();
        List<Nlri> ipv4 = new ArrayList<>(update.withdrawnRoutes());
        for (PathAttribute a : update.attributes().all()) {
            switch (a) {
                case MpReach r -> attributes.add(new MpUnreach(r.afiSafi(), r.nlri()));
                case MpUnreach u -> attributes.add(u);
                default -> { }
            }
        }
        ipv4.addAll(update.nlri());
        return new BgpUpdate(ipv4, new PathAttributes(attributes), List.of());
    }
}
