package io.openpe.route.session;

import io.openpe.proto.kafka.Topics;
import io.openpe.route.mobility.MacIndex;
import io.openpe.route.mobility.MacInVni;
import io.openpe.route.publish.MacAdvertisements;
import io.openpe.route.publish.Outbound;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.MacLocation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The {@link MacIndex} of every router's type-2 routes, fed with the openpe.evpn-routes records of each RIB operation
 * (the records Kafka gets, in the same order), and the watchers of single MACs. One lock guards both, so a watcher's
 * first location and the moves after it leave no gap.
 *
 * <p>A location's cluster is the cluster of the node whose plan names its VTEP, when one does: FRR 8.4 never reports
 * the VTEP's own local route over BMP, so the copy the index picks is another router's, and that router's cluster
 * is not where the MAC is (a MAC moved to cluster B is reported by cluster A's routers too). Without such a plan it is
 * the reporting router's cluster.
 */
public final class MacLocator {

    /** Told a MAC's location (empty: none) under the locator's lock; must not block. */
    @FunctionalInterface
    public interface Listener {
        void located(Optional<MacLocation> location);
    }

    private final MacIndex index = new MacIndex();
    private final Map<MacInVni, List<Listener>> watchers = new HashMap<>();
    private final Function<String, Optional<String>> clusterOfVtep;

    /** Locations carry the reporting router's cluster. */
    MacLocator() {
        this(vtep -> Optional.empty());
    }

    /** @param clusterOfVtep the cluster of the planned node with this VTEP, if any */
    MacLocator(Function<String, Optional<String>> clusterOfVtep) {
        this.clusterOfVtep = clusterOfVtep;
    }

    /** Indexes one RIB operation's records and tells the watchers of the MACs whose location changed. */
    synchronized void observe(List<Outbound> records, Instant at) {
        for (Outbound record : records) {
            if (!Topics.EVPN_ROUTES.equals(record.topic())) {
                continue;
            }
            Optional<MacIndex.Move> move = record.value() instanceof EvpnRoute route
                    ? MacAdvertisements.fromProto(route).flatMap(a -> index.advertised(a, at))
                    : index.withdrawn(record.key(), at);
            move.ifPresent(this::tell);
        }
    }

    synchronized Optional<MacLocation> locate(MacInVni mac) {
        return index.current(mac).map(this::toProto);
    }

    synchronized AutoCloseable watch(MacInVni mac, Listener listener) {
        watchers.computeIfAbsent(mac, m -> new CopyOnWriteArrayList<>()).add(listener);
        listener.located(index.current(mac).map(this::toProto));
        return () -> unwatch(mac, listener);
    }

    /** Live type-2 routes indexed (a gauge, and what tests compare with a scan). */
    synchronized int routes() {
        return index.routes();
    }

    private synchronized void unwatch(MacInVni mac, Listener listener) {
        List<Listener> list = watchers.get(mac);
        if (list != null && list.remove(listener) && list.isEmpty()) {
            watchers.remove(mac);
        }
    }

    private void tell(MacIndex.Move move) {
        List<Listener> list = watchers.get(move.mac());
        if (list == null) {
            return;
        }
        Optional<MacLocation> location = move.after().map(this::toProto);
        for (Listener listener : list) {
            listener.located(location);
        }
    }

    private MacLocation toProto(MacIndex.Location location) {
        MacLocation proto = MacAdvertisements.toProto(location);
        return clusterOfVtep.apply(proto.getVtep()).filter(c -> !c.equals(proto.getCluster()))
                .map(c -> proto.toBuilder().setCluster(c).build()).orElse(proto);
    }
}
