package io.openpe.route.session;

import io.openpe.route.bgp.AsPath;
import io.openpe.route.bgp.BgpUpdate;
import io.openpe.route.bgp.MpReach;
import io.openpe.route.bgp.MpUnreach;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FRR 8.4 sends a post-policy withdrawal for a route whose path is not yet VALID: {@code bmp_wrqueue}
 * (bgpd/bgp_bmp.c) looks for the peer's path with {@code BGP_PATH_VALID} and, finding none, encodes a withdrawal; an
 * EVPN path is VALID only once zebra has resolved its next hop ({@code bgp_update}, bgpd/bgp_route.c), which comes
 * after the first UPDATEs of a session whose next hops were not tracked yet; and the next-hop tracking that sets VALID
 * later ({@code evaluate_paths}, bgpd/bgp_nht.c) does not call the BMP hook, so no post-policy announcement follows.
 * The pre-policy copy (Adj-RIB-In with soft-reconfiguration) is sent right after, for the same queue entry.
 *
 * <p>Rule (per router, pure; the caller holds the router's monitor): a post-policy withdrawal of a route within
 * {@code window} after its peer's Peer Up makes that route <em>suspect</em>; when the next pre-policy message of the
 * same peer announces a suspect route that the post-policy view does not hold, the announcement is applied to the
 * post-policy view too, and the copy is marked until the post-policy view reports the route itself. A pre-policy
 * withdrawal, a post-policy announcement or the peer's next Peer Up/Down clears the suspicion. A route whose AS_PATH
 * holds the router's own AS is not copied: FRR denied it. A route an inbound
 * policy filters shows the same bytes; openpe renders no inbound policy on EVPN neighbors, and the mark lets a
 * consumer that has one tell the copy apart.
 */
public final class PostPolicyResync {

    /** {@code openpe.bmp.post-policy-resync-window}'s default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    private final Duration window;
    private final Map<PeerKey, Instant> peerUp = new HashMap<>();
    /** The router's own AS and the peer's, from the OPENs of the peer's Peer Up. */
    private final Map<PeerKey, long[]> asns = new HashMap<>();
    private final Map<PeerKey, Set<NlriKey>> suspects = new HashMap<>();
    private final Map<PeerKey, Set<NlriKey>> copied = new HashMap<>();

    public PostPolicyResync(Duration window) {
        this.window = window;
    }

    public void peerUp(PeerKey peer, Instant at, long localAs, long peerAs) {
        peerUp.put(peer, at);
        asns.put(peer, new long[] {localAs, peerAs});
        suspects.remove(peer);
        copied.remove(peer);
    }

    public void peerDown(PeerKey peer) {
        peerUp.remove(peer);
        asns.remove(peer);
        suspects.remove(peer);
        copied.remove(peer);
    }

    /**
     * Looks at one Route Monitoring before it is applied to {@code rib}; returns the post-policy message to apply
     * after it, when it re-syncs suspect routes.
     */
    public Optional<RouteMonitoring> observe(RouteMonitoring message, AdjRibIn rib, Instant now) {
        PerPeerHeader header = message.peer();
        if (header.isLocRib() || header.adjRibOut()) {
            return Optional.empty();
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
            Instant up = peerUp.get(peer);
            boolean inWindow = up != null && !now.isAfter(up.plus(window));
            for (Nlri nlri : update.withdrawn()) {
                if (copies != null) {
                    copies.remove(nlri.key());
                }
                if (inWindow) {
                    suspects.computeIfAbsent(peer, p -> new HashSet<>()).add(nlri.key());
                }
            }
            return Optional.empty();
        }
        Set<NlriKey> suspect = suspects.get(peer);
        if (suspect == null || suspect.isEmpty()) {
            return Optional.empty();
        }
        for (Nlri nlri : update.withdrawn()) {
            suspect.remove(nlri.key());
        }
        PeerView post = new PeerView(peer, RibView.ADJ_RIB_IN_POST_POLICY);
        Set<NlriKey> resync = new HashSet<>();
        boolean loop = ownAsInPath(peer, update);
        for (Nlri nlri : update.announced()) {
            if (suspect.remove(nlri.key()) && !loop && rib.route(post, nlri.key()).isEmpty()) {
                resync.add(nlri.key());
            }
        }
        if (resync.isEmpty()) {
            return Optional.empty();
        }
        copied.computeIfAbsent(peer, p -> new HashSet<>()).addAll(resync);
        return Optional.of(new RouteMonitoring(postPolicy(header), only(update, resync)));
    }

    /**
     * Whether the path (without FRR's prepend) holds the router's own AS: FRR denies such a route (AS loop, RFC 4271
     * §9.1.2) and keeps it only in Adj-RIB-In, so its post-policy withdrawal is real. The lab sees this for the
     * router's own routes that an eBGP peer sends back.
     */
    private boolean ownAsInPath(PeerKey peer, BgpUpdate update) {
        long[] known = asns.get(peer);
        if (known == null || known[0] == 0) {
            return false;
        }
        AsPath sent = update.attributes().effectiveAsPath();
        AsPath path = FrrLocalAsPrepend.stripped(sent, known[0], known[1]).orElse(sent);
        for (long asn : path.asns()) {
            if (asn == known[0]) {
                return true;
            }
        }
        return false;
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
}
