package io.openpe.route.session;

import io.openpe.route.bmp.PeerKey;
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

/**
 * Everything route-service keeps about one monitored router (identified by the remote address of its BMP session):
 * its RIB, which outlives a TCP session so that a reconnect re-syncs without republishing, its name, the latest
 * per-peer header of every peer, and the peers that are up. Guarded by its own monitor: {@link Routers#change} holds
 * it while the RIB changes and the changes are handed on, so one router's changes are published in order.
 */
public final class RouterState {

    private final String address;
    private volatile String cluster;
    final AdjRibIn rib = new AdjRibIn();
    private final Map<PeerKey, PerPeerHeader> headers = new HashMap<>();
    private final Map<PeerKey, PerPeerHeader> upPeers = new LinkedHashMap<>();
    private volatile String sysName = "";
    /** Rebuilt when the peer's identity, the sysName or the cluster changes. */
    private final Map<PeerView, CachedParts> parts = new HashMap<>();
    ScheduledFuture<?> staleSweep;

    RouterState(String address, String cluster) {
        this.address = address;
        this.cluster = cluster;
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

    void peerUp(PerPeerHeader peer) {
        seen(peer);
        upPeers.put(peer.key(), peer);
    }

    void peerDown(PeerKey peer) {
        upPeers.remove(peer);
    }

    void sessionLost() {
        upPeers.clear();
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
        return new RouteOrigin(cluster, address, sysName, header, view.view(), cached.parts());
    }

    /** The per-origin parts of route records and the header they were made from. */
    private record CachedParts(PerPeerHeader basis, RouteOrigin.Parts parts) {
    }
}
