package io.openpe.route.session;

import io.openpe.route.cluster.RouterClusters;
import io.openpe.route.mobility.MacInVni;
import io.openpe.route.publish.DuplicateMacEvents;
import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.publish.KafkaPublisher;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PlanConsumer;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.publish.RecentChanges;
import io.openpe.route.publish.UnicastRoutes;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.eclipse.microprofile.config.ConfigProvider;
import io.openpe.route.config.RouteServiceConfig;

/**
 * The monitored routers and their RIBs. The only writer of a RIB is {@link #change}: it runs a RIB operation under
 * the router's monitor and hands the resulting records to the Kafka queue and to watchers before releasing it, so
 * every consumer sees one router's changes in RIB order. Readers get copies ({@link #routes()}), and a watcher
 * registers under the write lock so that its initial dump and its first change leave no gap and no overlap.
 */
@ApplicationScoped
public class Routers {

    /** {@code openpe.watch.resume-buffer}'s default. */
    static final int RESUME_BUFFER = 100_000;

    private final ReentrantReadWriteLock watchLock = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<String, RouterState> routers = new ConcurrentHashMap<>();
    private final List<RouteListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<RouterSession> sessions = ConcurrentHashMap.newKeySet();
    /** The newest open session of each router address (an older one is closed, RouterSession#channelActive). */
    private final ConcurrentHashMap<String, RouterSession> current = new ConcurrentHashMap<>();
    private final String defaultCluster;
    private final PublishQueue queue;
    private final DuplicateMacEvents duplicateMacs = new DuplicateMacEvents();
    /** Where every MAC is, from the same records as Kafka's, with the watchers of single MACs. */
    private final MacLocator macs;
    /** The last records, numbered, for resuming watches (openpe.watch.resume-buffer records). */
    private final RecentChanges recent;

    private final RouterClusters plannedClusters;
    /** Whether unicast routes go to openpe.unicast-routes too (openpe.publish.unicast-routes, default false). */
    private final boolean publishUnicast;
    /** How often a router's own AS may appear in a path it accepts (PostPolicyResync, FRR's allowas-in). */
    private final int allowasIn;

    @Inject
    public Routers(RouteServiceConfig.Cluster cluster, RouteServiceConfig.Publish publish, RouteServiceConfig.Bmp bmp,
            RouteServiceConfig.Watch watch, KafkaPublisher publisher, PlanConsumer plans) {
        this(cluster.name(), publisher.queue(), plans.routerClusters(), publish.unicastRoutes(), bmp.allowasIn(),
                watch.resumeBuffer());
    }

    Routers(String defaultCluster, PublishQueue queue) {
        this(defaultCluster, queue, new RouterClusters(), false);
    }

    /** With the keys' defaults for allowas-in and the resume buffer (tests). */
    Routers(String defaultCluster, PublishQueue queue, RouterClusters plannedClusters, boolean publishUnicast) {
        this(defaultCluster, queue, plannedClusters, publishUnicast, PostPolicyResync.DEFAULT_ALLOWAS_IN,
                RESUME_BUFFER);
    }

    Routers(String defaultCluster, PublishQueue queue, RouterClusters plannedClusters, boolean publishUnicast,
            int allowasIn, int resumeBuffer) {
        this.defaultCluster = defaultCluster;
        this.queue = queue;
        this.plannedClusters = plannedClusters;
        this.publishUnicast = publishUnicast;
        this.allowasIn = allowasIn;
        this.recent = new RecentChanges(resumeBuffer);
        this.macs = new MacLocator(vtep -> plannedClusters.clusterOf(List.of(vtep)));
        plannedClusters.onReplanned(this::replanned);
    }

    /** Counts the routes denied when the plans changed (SessionMetrics: openpe.bmp.routes.denied). */
    private volatile IntConsumer deniedOnReplan = count -> { };

    void onDeniedOnReplan(IntConsumer counter) {
        this.deniedOnReplan = counter;
    }

    /**
     * A plan naming {@code addresses} (router ids, VTEPs) changed: every router known by one of them re-decides the
     * routes it holds under the plans as they are now (RouterState#replanned), and what that withdraws is published.
     */
    void replanned(Set<String> addresses) {
        Instant now = Instant.now();
        for (RouterState router : routers.values()) {
            change(router, r -> r.postPolicyResync.knownByAny(addresses) ? r.replanned(deniedOnReplan) : List.of(),
                    now);
        }
    }

    /** The state of the router at {@code address}, created on its first session. */
    public RouterState router(String address) {
        return routers.computeIfAbsent(address,
                a -> new RouterState(a, clusterOf(a), allowasIn, plannedClusters::sameNode));
    }

    /**
     * {@code openpe.routers.<address>.cluster}, else the cluster of the planned node whose router id or VTEP is
     * {@code address}, else {@code openpe.cluster}.
     */
    String clusterOf(String address) {
        return configuredCluster(address).or(() -> plannedClusters.clusterOf(List.of(address))).orElse(defaultCluster);
    }

    private static Optional<String> configuredCluster(String address) {
        return ConfigProvider.getConfig().getOptionalValue("openpe.routers." + address + ".cluster", String.class);
    }

    /**
     * A Peer Up told the router's own BGP identifier and local address: when no configuration names the router's
     * cluster, its session address matched no plan, and it has no routes yet (so no key was published under another
     * cluster), a plan whose router id or VTEP is one of them sets the cluster.
     */
    void identified(RouterState router, List<String> ownAddresses) {
        if (configuredCluster(router.address()).isPresent()) {
            return;
        }
        synchronized (router) {
            if (router.rib.size() > 0 || plannedClusters.clusterOf(List.of(router.address())).isPresent()) {
                return;
            }
            plannedClusters.clusterOf(ownAddresses).ifPresent(router::cluster);
        }
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
                    if (publishUnicast) {
                        // Not for watchers and duplicate-MAC detection: those read EVPN routes only.
                        queue.addAll(UnicastRoutes.records(router::origin, changes, now));
                    }
                    queue.addAll(duplicateMacs.observe(records, now));
                    macs.observe(records, now);
                    if (!records.isEmpty()) {
                        // One lock across routers: watchers see records in sequence order, so a resume token
                        // (a sequence) means "everything up to here".
                        synchronized (recent) {
                            List<RecentChanges.Sequenced> numbered = recent.append(records);
                            for (RouteListener listener : listeners) {
                                listener.onRecords(numbered);
                            }
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
     * Runs {@code resumed} then hands {@code listener} every change after sequence {@code resumeAfter} when those are
     * all still kept (and returns true), else hands {@code dump} every current route and the sequence it is current at (and returns
     * false); then every later change, with nothing lost or repeated in between. Close {@code subscription} to stop.
     */
    public boolean watch(OptionalLong resumeAfter, BiConsumer<List<EvpnRoute>, Long> dump, Runnable resumed,
            RouteListener listener, Consumer<AutoCloseable> subscription) {
        watchLock.writeLock().lock();
        try {
            synchronized (recent) {
                var missed = resumeAfter.isPresent() ? recent.after(resumeAfter.getAsLong())
                        : Optional.<List<RecentChanges.Sequenced>>empty();
                if (missed.isPresent()) {
                    resumed.run();
                    listener.onRecords(missed.get());
                } else {
                    dump.accept(routes(), recent.last());
                }
                listeners.add(listener);
                subscription.accept(() -> listeners.remove(listener));
                return missed.isPresent();
            }
        } finally {
            watchLock.writeLock().unlock();
        }
    }

    /** The current location of a MAC in a VNI (MacIndex's rule), read from the index: no RIB scan. */
    public Optional<io.openpe.route.v1.MacLocation> locateMac(int vni, String mac) {
        return macs.locate(new MacInVni(vni, mac));
    }

    /**
     * Hands {@code listener} the MAC's current location (empty when none), then every change of it, with nothing
     * lost in between; the listener runs under the index's lock and must not block. Close the result to stop.
     */
    public AutoCloseable watchMac(int vni, String mac, MacLocator.Listener listener) {
        return macs.watch(new MacInVni(vni, mac), listener);
    }

    /** Live type-2 routes in the MAC index. */
    public int macRoutesIndexed() {
        return macs.routes();
    }

    /** Registers a new session of {@code router}; returns the router's previous session, still open, or null. */
    RouterSession opened(RouterSession session, RouterState router) {
        sessions.add(session);
        RouterSession previous = current.put(router.address(), session);
        syncListener.opened(router);
        return previous;
    }

    /** Told when a router's session opens and when it has re-sent its tables ({@link StartupReconcile}). */
    interface SyncListener {
        void opened(RouterState router);

        void synced(RouterState router);
    }

    private static final SyncListener NO_SYNC_LISTENER = new SyncListener() {
        @Override
        public void opened(RouterState router) {
        }

        @Override
        public void synced(RouterState router) {
        }
    };

    private volatile SyncListener syncListener = NO_SYNC_LISTENER;

    void syncListener(SyncListener listener) {
        this.syncListener = listener;
    }

    /**
     * A peer of {@code router} sent End-of-RIB for L2VPN EVPN; once every peer up in this session has, the router's
     * EVPN tables are re-sent (RFC 7854 §5: the initial dump ends with End-of-RIB per peer) and it is synced.
     */
    void endOfEvpnRib(RouterState router, io.openpe.route.bmp.PeerKey peer) {
        boolean synced;
        synchronized (router) {
            synced = router.endOfEvpnRib(peer);
        }
        if (synced) {
            syncListener.synced(router);
        }
    }

    /** Whether unicast routes go to openpe.unicast-routes (so that topic is this service's to reconcile). */
    boolean publishesUnicast() {
        return publishUnicast;
    }

    /**
     * Publishes a tombstone on {@code topic} (openpe.evpn-routes or openpe.unicast-routes) for every key
     * {@code staleKeys} picks from the router's current keys of that topic (the topic's keys of this router that its
     * RIB no longer has), under the router's monitor so that a later record of the same key follows it; returns them.
     */
    List<String> reconcile(RouterState router, String topic,
            java.util.function.BiFunction<String, Set<String>, List<String>> staleKeys, Runnable whenDone) {
        watchLock.readLock().lock();
        try {
            synchronized (router) {
                Set<String> current = new java.util.HashSet<>();
                for (PeerView view : router.rib.peerViews()) {
                    var origin = router.origin(view);
                    for (RibRoute route : router.rib.routes(view)) {
                        if (topic.equals(io.openpe.proto.kafka.Topics.UNICAST_ROUTES)) {
                            UnicastRoutes.toProto(origin, route, null).ifPresent(r -> current.add(r.getRouteKey()));
                        } else {
                            EvpnRoutes.toProto(origin, route, null).ifPresent(r -> current.add(r.getRouteKey()));
                        }
                    }
                }
                List<String> stale = staleKeys.apply(router.address(), current);
                queue.addAll(tombstones(topic, stale, whenDone));
                return stale;
            }
        } finally {
            watchLock.readLock().unlock();
        }
    }

    /**
     * Publishes tombstones on {@code topic} for a router that has not connected since the start; nothing when it has
     * (its session reconciles it). Holding the map's entry keeps a session of it from starting until the tombstones
     * are queued.
     */
    List<String> withdrawAbsent(String address, String topic, java.util.function.Supplier<List<String>> staleKeys,
            Runnable whenDone) {
        List<List<String>> withdrawn = new ArrayList<>(List.of(List.of()));
        routers.compute(address, (a, existing) -> {
            if (existing == null) {
                List<String> stale = staleKeys.get();
                queue.addAll(tombstones(topic, stale, whenDone));
                withdrawn.set(0, stale);
            }
            return existing;
        });
        return withdrawn.get(0);
    }

    private static List<Outbound> tombstones(String topic, List<String> keys, Runnable whenDone) {
        return keys.stream().map(k -> new Outbound(topic, k, null, whenDone)).toList();
    }

    void closed(RouterSession session, RouterState router) {
        sessions.remove(session);
        current.remove(router.address(), session);
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
