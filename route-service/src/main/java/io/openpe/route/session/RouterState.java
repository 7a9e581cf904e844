package io.openpe.route.session;

import io.openpe.route.bmp.PeerKey;
import io.openpe.route.bmp.PeerUp;
import io.openpe.route.bmp.RibView;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.rib.RouteChange;
import java.util.ArrayList;
import java.util.function.IntConsumer;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.publish.RouteOrigin;
import io.openpe.route.rib.AdjRibIn;
import io.openpe.route.rib.PeerView;
import io.openpe.route.wire.IpAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiPredicate;

/**
 * Everything route-service keeps about one monitored router (identified by the remote address of its BMP session):
 * its RIB, which outlives a TCP session so that a reconnect re-syncs without republishing, its name, the latest
 * per-peer header of every peer, and the peers that are up. Guarded by its own monitor: {@link Routers#change} holds
 * it while the RIB changes and the changes are handed on, so one router's changes are published in order.
 */
public final class RouterState {

    private static final long[] NO_ASNS = {0, 0};

    private final String address;
    private volatile String cluster;
    final AdjRibIn rib = new AdjRibIn();
    private final Map<PeerKey, PerPeerHeader> headers = new HashMap<>();
    private final Map<PeerKey, PerPeerHeader> upPeers = new LinkedHashMap<>();
    /** Per peer, the ASNs of the two OPENs of its latest Peer Up: {router's, peer's}. */
    private final Map<PeerKey, long[]> openAsns = new HashMap<>();
    private volatile String sysName = "";
    /** Rebuilt when the peer's identity, the sysName or the cluster changes. */
    private final Map<PeerView, CachedParts> parts = new HashMap<>();
    /** FRR's post-policy withdrawals of routes it accepted, and the routes it denies (PostPolicyResync). */
    final PostPolicyResync postPolicyResync;
    /** Peers already named in the "soft-reconfiguration inbound missing?" warning (logged once per peer). */
    final Set<PeerKey> softReconfigurationWarned = new HashSet<>();
    ScheduledFuture<?> staleSweep;
    /** Peers that sent End-of-RIB for L2VPN EVPN in this session. */
    private final Set<PeerKey> evpnEndOfRib = new HashSet<>();

    RouterState(String address, String cluster, int allowasIn, BiPredicate<Set<String>, String> plannedOwn) {
        this.address = address;
        this.cluster = cluster;
        this.postPolicyResync = new PostPolicyResync(address, allowasIn, plannedOwn);
    }

    public String address() {
        return address;
    }

    public String cluster() {
        return cluster;
    }

    /** Set from a plan before the router has routes (Routers#identified). */
    void cluster(String cluster) {
        this.cluster = cluster;
        parts.clear();
    }

    public String sysName() {
        return sysName;
    }

    void sysName(String name) {
        this.sysName = name;
        parts.clear();
    }

    /** Remembers the latest header of a peer (its AS, BGP id and timestamp go into every route of that peer). */
    void seen(PerPeerHeader peer) {
        headers.put(peer.key(), peer);
    }

    void peerUp(PeerUp up, Instant at) {
        seen(up.peer());
        postPolicyResync.peerUp(up.peer().key(), up.sentOpen().asn(), up.receivedOpen().asn(), up.localAddress(),
                up.sentOpen().bgpId());
        upPeers.put(up.peer().key(), up.peer());
        openAsns.put(up.peer().key(), new long[] {up.sentOpen().asn(), up.receivedOpen().asn()});
    }

    /**
     * The plans that name this router's addresses changed: the routes it holds that the denial rule now denies are
     * withdrawn (PostPolicyResync#redecide); returns the changes and counts the denied routes into {@code denied}.
     */
    List<RouteChange> replanned(IntConsumer denied) {
        PostPolicyResync.Observed observed = postPolicyResync.redecide(rib, headers::get);
        if (observed.denied() > 0) {
            denied.accept(observed.denied());
        }
        List<RouteChange> changes = new ArrayList<>();
        for (RouteMonitoring withdrawal : observed.apply()) {
            changes.addAll(rib.apply(withdrawal));
        }
        return changes;
    }

    void peerDown(PeerKey peer) {
        upPeers.remove(peer);
        evpnEndOfRib.remove(peer);
        postPolicyResync.peerDown(peer);
    }

    /** Records a peer's EVPN End-of-RIB; true when every peer up now has sent one. */
    boolean endOfEvpnRib(PeerKey peer) {
        evpnEndOfRib.add(peer);
        return !upPeers.isEmpty() && evpnEndOfRib.containsAll(upPeers.keySet());
    }

    void sessionLost() {
        upPeers.clear();
        evpnEndOfRib.clear();
        rib.sessionLost();
    }

    synchronized List<PerPeerHeader> upPeers() {
        return List.copyOf(upPeers.values());
    }

    synchronized int routeCount() {
        return rib.size();
    }

    /** The origin of the routes of one peer view; call with this router's monitor held. */
    RouteOrigin origin(PeerView view) {
        PerPeerHeader header = headers.get(view.peer());
        if (header == null) {
            // Every route entered the RIB through a message whose header was recorded first; this is only a guard.
            header = new PerPeerHeader(view.peer().peerType(), 0, view.peer().distinguisher(), view.peer().address(),
                    0, IpAddress.V4_ANY, 0, 0);
        }
        CachedParts cached = parts.get(view);
        if (cached == null || !RouteOrigin.sameIdentity(cached.basis(), header)) {
            cached = new CachedParts(header, RouteOrigin.parts(cluster, address, sysName, header, view.view()));
            parts.put(view, cached);
        }
        long[] asns = openAsns.getOrDefault(view.peer(), NO_ASNS);
        return new RouteOrigin(cluster, address, sysName, header, view.view(), asns[0], asns[1],
                view.view() == RibView.ADJ_RIB_IN_POST_POLICY ? postPolicyResync.copiedFromPrePolicy(view.peer())
                        : Set.of(), cached.parts());
    }

    /** The per-origin parts of route records and the header they were made from. */
    private record CachedParts(PerPeerHeader basis, RouteOrigin.Parts parts) {
    }
}
