package io.openpe.route.rib;

import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.BgpUpdate;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bmp.PeerKey;
import io.openpe.route.bmp.RouteMonitoring;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes one router reported over BMP, per peer and RIB view, keyed by route key; every operation returns the
 * {@link RouteChange}s it caused. Pure and single-threaded: one instance per router, driven by that router's session.
 * It outlives a TCP session so that a reconnect can re-sync without republishing unchanged routes:
 * {@link #sessionLost()} marks everything stale, an identical re-advertisement clears the mark silently, and what is
 * still stale is withdrawn at End-of-RIB for its peer view and family, or by {@link #withdrawStale()} (the session
 * edge calls it when its re-sync grace time runs out; this class has no clock).
 */
public final class AdjRibIn {

    /** One peer view's routes, keyed by the routes themselves ({@link StoredRoute} equality is route identity). */
    private static final class Table {
        final HashMap<StoredRoute, StoredRoute> routes = new HashMap<>();
        /** Routes kept from before a session loss and not yet re-advertised; empty outside a re-sync. */
        final Set<StoredRoute> stale = new HashSet<>();
        final Set<AfiSafi> endOfRib = new HashSet<>();
    }

    private final Map<PeerView, Table> tables = new LinkedHashMap<>();
    private final AttributeSets attributeSets = new AttributeSets();

    /** Applies one Route Monitoring message: withdrawals first, then announcements (RFC 4271 §9.1). */
    public List<RouteChange> apply(RouteMonitoring message) {
        PeerView view = new PeerView(message.peer().key(), message.peer().view());
        BgpUpdate update = message.update();
        List<RouteChange> changes = new ArrayList<>();
        Table table = tables.get(view);
        for (Nlri withdrawn : update.withdrawn()) {
            if (table == null) {
                break;
            }
            StoredRoute previous = table.routes.remove(StoredRoute.keyOf(CompactNlri.encode(withdrawn)));
            if (previous != null) {
                table.stale.remove(previous);
                changes.add(new RouteChange.Withdrawn(view, previous.toRibRoute()));
            }
        }
        List<Nlri> announced = update.announced();
        if (!announced.isEmpty()) {
            if (table == null) {
                table = new Table();
                tables.put(view, table);
            }
            SharedAttributes.Split split = SharedAttributes.split(update.attributes());
            SharedAttributes shared = attributeSets.intern(split.shared());
            PathAttributes attributes = shared.join(split.mobility());
            for (Nlri nlri : announced) {
                StoredRoute stored = StoredRoute.of(nlri, shared, split.mobility());
                RibRoute route = new RibRoute(nlri, attributes.nextHop(nlri.afiSafi()).orElse(null), attributes);
                announce(view, table, stored, route, changes);
            }
        }
        Optional<AfiSafi> endOfRib = update.endOfRib();
        if (endOfRib.isPresent()) {
            if (table == null) {
                table = new Table();
                tables.put(view, table);
            }
            table.endOfRib.add(endOfRib.get());
            sweepStale(view, table, endOfRib.get(), changes);
        }
        return changes;
    }

    private static void announce(PeerView view, Table table, StoredRoute stored, RibRoute route,
                                 List<RouteChange> changes) {
        // Remove first: HashMap.put would keep the old key object, which is the old route.
        StoredRoute previous = table.routes.remove(stored);
        table.routes.put(stored, stored);
        if (!table.stale.isEmpty()) {
            table.stale.remove(stored);
        }
        if (previous == null) {
            changes.add(new RouteChange.Added(view, route));
        } else if (!previous.sameRoute(stored)) {
            changes.add(new RouteChange.Replaced(view, previous.toRibRoute(), route));
        }
        // Otherwise unchanged, including a re-advertisement after a reconnect: nothing to publish.
    }

    private static void sweepStale(PeerView view, Table table, AfiSafi family, List<RouteChange> changes) {
        for (Iterator<StoredRoute> it = table.stale.iterator(); it.hasNext(); ) {
            StoredRoute key = it.next();
            StoredRoute route = table.routes.get(key);
            if (route != null && route.afiSafi().equals(family)) {
                table.routes.remove(key);
                it.remove();
                changes.add(new RouteChange.Withdrawn(view, route.toRibRoute()));
            }
        }
    }

    /**
     * The peer went down: everything it had, in every view, is withdrawn. A repeated Peer Down (FRR sends several for
     * one event, DESIGN §6) finds nothing left and changes nothing.
     */
    public List<RouteChange> peerDown(PeerKey peer) {
        List<RouteChange> changes = new ArrayList<>();
        for (Iterator<Map.Entry<PeerView, Table>> it = tables.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PeerView, Table> entry = it.next();
            if (entry.getKey().peer().equals(peer)) {
                for (StoredRoute route : entry.getValue().routes.values()) {
                    changes.add(new RouteChange.Withdrawn(entry.getKey(), route.toRibRoute()));
                }
                it.remove();
            }
        }
        return changes;
    }

    /** The BMP session ended: keep every route, marked stale, until it is re-advertised or swept. */
    public void sessionLost() {
        for (Table table : tables.values()) {
            table.stale.addAll(table.routes.keySet());
            table.endOfRib.clear();
        }
    }

    /** Withdraws every route still stale (the re-sync grace time is over, or the router is gone for good). */
    public List<RouteChange> withdrawStale() {
        List<RouteChange> changes = new ArrayList<>();
        for (Iterator<Map.Entry<PeerView, Table>> it = tables.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PeerView, Table> entry = it.next();
            Table table = entry.getValue();
            for (StoredRoute key : table.stale) {
                StoredRoute route = table.routes.remove(key);
                if (route != null) {
                    changes.add(new RouteChange.Withdrawn(entry.getKey(), route.toRibRoute()));
                }
            }
            table.stale.clear();
            if (table.routes.isEmpty()) {
                it.remove();
            }
        }
        return changes;
    }

    public Optional<RibRoute> route(PeerView view, NlriKey key) {
        Table table = tables.get(view);
        byte[] compact = table == null ? null : CompactNlri.encodeKey(key);
        if (compact == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.routes.get(StoredRoute.keyOf(compact))).map(StoredRoute::toRibRoute);
    }

    /** Whether End-of-RIB was seen for {@code family} in {@code view} since the session (re)started. */
    public boolean endOfRib(PeerView view, AfiSafi family) {
        Table table = tables.get(view);
        return table != null && table.endOfRib.contains(family);
    }

    public Set<PeerView> peerViews() {
        return Set.copyOf(tables.keySet());
    }

    /** The routes of one view, as a copy. */
    public List<RibRoute> routes(PeerView view) {
        Table table = tables.get(view);
        if (table == null) {
            return List.of();
        }
        List<RibRoute> routes = new ArrayList<>(table.routes.size());
        for (StoredRoute route : table.routes.values()) {
            routes.add(route.toRibRoute());
        }
        return routes;
    }

    /** How many distinct shared attribute sets this router's routes hold (interned weakly; for tests). */
    int attributeSets() {
        return attributeSets.size();
    }

    public int size() {
        int n = 0;
        for (Table table : tables.values()) {
            n += table.routes.size();
        }
        return n;
    }
}
