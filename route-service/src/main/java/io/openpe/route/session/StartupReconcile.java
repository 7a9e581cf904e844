package io.openpe.route.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.publish.Reconciliation;
import io.openpe.route.publish.TopicSnapshot;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import io.openpe.route.config.RouteServiceConfig;
import org.jboss.logging.Logger;

/**
 * Keeps openpe.evpn-routes true to the routers across a restart of this service: routes withdrawn while it was down
 * are still live records on the compacted topic. On start it reads the topic's live keys ({@link TopicSnapshot}); when
 * a router's session has re-sent its tables (End-of-RIB for L2VPN EVPN from every peer up, or openpe.reconcile.wait
 * after the session opened) each key of that router its RIB does not hold gets a tombstone. Routers that have not
 * connected within openpe.reconcile.wait of the start lose all their records (openpe.reconcile.absent-routers=withdraw).
 */
@ApplicationScoped
public class StartupReconcile implements Routers.SyncListener {

    private static final Logger LOG = Logger.getLogger(StartupReconcile.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final Routers routers;
    private final MeterRegistry registry;
    private final Map<String, ?> kafka;
    private final Duration wait;
    private final boolean withdrawAbsent;
    private final Set<RouterState> syncedBeforeLoad = ConcurrentHashMap.newKeySet();
    /** Per topic this service writes (openpe.evpn-routes, and openpe.unicast-routes when it publishes there). */
    private volatile Map<String, Reconciliation> reconciliations;
    private ScheduledExecutorService timer;
    private Instant started;
    /** Tombstones queued by the reconcile that Kafka has not acknowledged yet. */
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final Runnable acknowledged = unacknowledged::decrementAndGet;
    private final AtomicLong failedReads = new AtomicLong();

    @Inject
    public StartupReconcile(Routers routers, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            RouteServiceConfig.Reconcile reconcile) {
        this(routers, registry, kafka, reconcile.waitAtStart(), reconcile.absentRouters());
    }

    StartupReconcile(Routers routers, MeterRegistry registry, Map<String, ?> kafka, Duration wait,
            String absentRouters) {
        this.routers = routers;
        this.registry = registry;
        this.kafka = kafka;
        this.wait = wait;
        this.withdrawAbsent = switch (absentRouters) {
            case "withdraw" -> true;
            case "keep" -> false;
            default -> throw new IllegalArgumentException(
                    "openpe.reconcile.absent-routers must be withdraw or keep, got " + absentRouters);
        };
    }

    /** Before the BMP server starts accepting, so that no session opens unseen. */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        started = Instant.now();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("openpe-reconcile").daemon()
                .factory());
        routers.syncListener(this);
        timer.execute(this::load);
    }

    private void load() {
        Map<String, Reconciliation> loaded = new LinkedHashMap<>();
        for (String topic : topics()) {
            try {
                loaded.put(topic, new Reconciliation(TopicSnapshot.liveKeys(kafka, topic, Duration.ofSeconds(30))));
            } catch (RuntimeException e) {
                if (timer.isShutdown()) {
                    return;  // stopping: the read was interrupted on purpose
                }
                failedReads.incrementAndGet();
                LOG.warnf("Reading %s to reconcile it failed (%s); retrying in %s", topic, e.getMessage(), RETRY);
                timer.schedule(this::load, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        reconciliations = Map.copyOf(loaded);
        loaded.forEach((topic, reconciliation) -> LOG.infof(
                "Reconciling %s: routes of %d routers were live at start; routers not connected within %s %s",
                topic, reconciliation.pendingRouters().size(), wait,
                withdrawAbsent ? "lose their routes" : "keep their routes"));
        for (RouterState router : syncedBeforeLoad) {
            reconcile(router, "end-of-rib");
        }
        long untilWait = Math.max(0, Duration.between(Instant.now(), started.plus(wait)).toMillis());
        timer.schedule(this::withdrawAbsentRouters, untilWait, TimeUnit.MILLISECONDS);
    }

    /**
     * The topics this instance writes. The unicast topic is reconciled only when this service publishes to it: with
     * publishing off nobody keeps its records current, and tombstoning them would take what another writer keeps.
     * Its routers are reconciled at the same moment as their EVPN routes: FRR's table dump (bmp_wrsync) goes through
     * the families in AFI order, IPv4 and IPv6 unicast before L2VPN EVPN, so EVPN's End-of-RIB comes last.
     */
    private List<String> topics() {
        return routers.publishesUnicast() ? List.of(Topics.EVPN_ROUTES, Topics.UNICAST_ROUTES)
                : List.of(Topics.EVPN_ROUTES);
    }

    @Override
    public void opened(RouterState router) {
        Map<String, Reconciliation> loaded = reconciliations;
        if (loaded == null || loaded.values().stream().anyMatch(r -> r.pending(router.address()))) {
            timer.schedule(() -> synced(router, "timeout"), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void synced(RouterState router) {
        synced(router, "end-of-rib");
    }

    private void synced(RouterState router, String cause) {
        if (reconciliations == null) {
            syncedBeforeLoad.add(router);
            if (reconciliations == null) {
                return;  // load() reconciles it
            }
        }
        reconcile(router, cause);
    }

    private void reconcile(RouterState router, String cause) {
        reconciliations.forEach((topic, loaded) -> {
            if (!loaded.pending(router.address())) {
                return;
            }
            List<String> stale = routers.reconcile(router, topic, awaitingAcknowledgement(loaded::staleKeys),
                    acknowledged);
            counted(topic, cause, stale.size());
            LOG.infof("Router %s reconciled (%s): %d routes on %s it no longer has were withdrawn", router.address(),
                    cause, stale.size(), topic);
        });
    }

    private void withdrawAbsentRouters() {
        if (!withdrawAbsent) {
            return;
        }
        reconciliations.forEach((topic, loaded) -> {
            for (String address : loaded.pendingRouters()) {
                List<String> stale = routers.withdrawAbsent(address, topic,
                        () -> awaitingAcknowledgement(loaded::staleKeys).apply(address, Set.of()), acknowledged);
                if (!stale.isEmpty()) {
                    counted(topic, "absent-router", stale.size());
                    LOG.infof("Router %s did not connect within %s of the start: its %d routes on %s were withdrawn",
                            address, wait, stale.size(), topic);
                }
            }
        });
    }

    /** The stale keys, counted as unacknowledged before they are queued (their acknowledgement counts them down). */
    private BiFunction<String, Set<String>, List<String>> awaitingAcknowledgement(
            BiFunction<String, Set<String>, List<String>> stale) {
        return (address, current) -> {
            List<String> keys = stale.apply(address, current);
            unacknowledged.addAndGet(keys.size());
            return keys;
        };
    }

    /**
     * Where the reconcile stands: whether the topic has been read, the routers whose records wait for their session
     * to re-send its tables (or for the wait to end), and the tombstones Kafka has not acknowledged yet.
     */
    public record State(boolean read, long failedReads, List<String> pendingRouters, int unacknowledged) {

        /** Whether the topic may still hold routes the routers did not re-send, for a reason of the reconcile's own. */
        public boolean catchingUp() {
            return !read || unacknowledged > 0;
        }
    }

    public State state() {
        Map<String, Reconciliation> loaded = reconciliations;
        List<String> pending = loaded == null ? List.of() : loaded.values().stream()
                .flatMap(r -> r.pendingRouters().stream()).distinct().sorted().toList();
        return new State(loaded != null, failedReads.get(), pending, unacknowledged.get());
    }

    private void counted(String topic, String cause, int tombstones) {
        Counter.builder("openpe.reconcile.tombstones").description(
                "Tombstones for routes on the route topics the routers no longer had after a restart, by cause")
                .tag("cause", cause).tag("topic", topic).register(registry).increment(tombstones);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
