package io.openpe.route.session;

import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.publish.KafkaPublisher;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.rib.PeerView;
import io.openpe.route.rib.RibRoute;
import io.openpe.route.rib.RouteChange;
import io.openpe.route.v1.EvpnRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The monitored routers and their RIBs. The only writer of a RIB is {@link #change}: it runs a RIB operation under
 * the router's monitor and hands the resulting records to the Kafka queue and to watchers before releasing it, so
 * every consumer sees one router's changes in RIB order. Readers get copies ({@link #routes()}), and a watcher
 * registers under the write lock so that its initial dump and its first change leave no gap and no overlap.
 */
@ApplicationScoped
public class Routers {

    private final ReentrantReadWriteLock watchLock = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<String, RouterState> routers = new ConcurrentHashMap<>();
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<RouterSession> sessions = ConcurrentHashMap.newKeySet();
    private final String defaultCluster;
    private final PublishQueue queue;

    @Inject
    public Routers(@ConfigProperty(name = "openpe.cluster") String defaultCluster, KafkaPublisher publisher) {
        this(defaultCluster, publisher.queue());
    }

    Routers(String defaultCluster, PublishQueue queue) {
        this.defaultCluster = defaultCluster;
        this.queue = queue;
    }

    /** The state of the router at {@code address}, created on its first session. */
    public RouterState router(String address) {
        return routers.computeIfAbsent(address, a -> new RouterState(a, clusterOf(a)));
    }

    /** {@code openpe.routers.<address>.cluster}, else {@code openpe.cluster}. */
    String clusterOf(String address) {
        return ConfigProvider.getConfig().getOptionalValue("openpe.routers." + address + ".cluster", String.class)
                .orElse(defaultCluster);
    }

    /** Runs one RIB operation for {@code router} and publishes what it changed; returns the changes. */
    public List<RouteChange> change(RouterState router, Function<RouterState, List<RouteChange>> operation,
            Instant now) {
        watchLock.readLock().lock();
        try {
            synchronized (router) {
                List<RouteChange> changes = operation.apply(router);
                if (!changes.isEmpty()) {
                    List<Outbound> records = EvpnRoutes.records(router::origin, changes, now);
                    queue.addAll(records);
                    if (!records.isEmpty()) {
                        for (RouteListener listener : listeners) {
                            listener.onRecords(records);
                        }
                    }
                }
                return changes;
            }
        } finally {
            watchLock.readLock().unlock();
        }
    }

    /** Runs {@code action} on the router's state under its monitor (no RIB change). */
    public void update(RouterState router, Consumer<RouterState> action) {
        synchronized (router) {
            action.accept(router);
        }
    }

    /** Every EVPN route of every router, as published (without a receive time), sorted by route key. */
    public List<EvpnRoute> routes() {
        List<EvpnRoute> out = new ArrayList<>();
        for (RouterState router : routers.values()) {
            synchronized (router) {
                for (PeerView view : router.rib.peerViews()) {
                    var origin = router.origin(view);
                    for (RibRoute route : router.rib.routes(view)) {
                        EvpnRoutes.toProto(origin, route, null).ifPresent(out::add);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(EvpnRoute::getRouteKey));
        return out;
    }

    /**
     * Hands {@code dump} every current route, then {@code listener} every later change, with nothing lost or repeated
     * in between. Close the result to stop listening.
     */
    public AutoCloseable watch(Consumer<List<EvpnRoute>> dump, RouteListener listener) {
        watchLock.writeLock().lock();
        try {
            dump.accept(routes());
            listeners.add(listener);
        } finally {
            watchLock.writeLock().unlock();
        }
        return () -> listeners.remove(listener);
    }

    void opened(RouterSession session) {
        sessions.add(session);
    }

    void closed(RouterSession session) {
        sessions.remove(session);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** The open BMP sessions, by router address. */
    public List<SessionStatus> sessions() {
        return sessions.stream().map(RouterSession::status).sorted(Comparator.comparing(SessionStatus::router))
                .toList();
    }
}
