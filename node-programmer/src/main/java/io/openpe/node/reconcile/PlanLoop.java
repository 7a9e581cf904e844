package io.openpe.node.reconcile;

import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.linux.Enactment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The agent loop: converge the node to the newest plan on one worker thread, on every new plan, on a resync timer
 * (drift repair) and after a failure (with backoff), and report each pass.
 *
 * <p>Coalescing: {@link #offer} only replaces the newest plan and asks for one pass; while a pass runs, any number
 * of offers lead to exactly one more pass, over the last of them. The pending flag is cleared before the pass reads
 * the newest plan, so an offer that lands during a pass is never lost. Plans with a lower generation than the one
 * held are ignored: generations only grow per node, so an older one is a stale read.
 *
 * <p>Back-off applies to retrying the same plan only: a new or changed plan (or a new refusal) offered while a
 * delayed retry waits cancels that retry and starts a pass at once, with the failure count started anew.
 *
 * <p>A refused plan ({@link #refuse}) never becomes the held plan: passes go on over the last accepted one (drift
 * repair included) and every report carries the refusal until a newer plan is accepted.
 */
public final class PlanLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PlanLoop.class);

    private final String node;
    private final Optional<Enactor> enactor;
    private final StatusSink sink;
    private final ApplyMetrics metrics;
    private final Clock clock;
    private final Duration resyncInterval;
    private final Backoff backoff;
    private final PassTracing tracing;
    private final ScheduledExecutorService worker;
    private final AtomicReference<NodePlan> newest = new AtomicReference<>();
    private final AtomicReference<PlanRefusal> refused = new AtomicReference<>();
    /** Guards {@link #scheduled}. */
    private final Object scheduling = new Object();
    /** The pass waiting to run (at once or as a delayed retry), null when none is. */
    private ScheduledFuture<?> scheduled;
    /** Plan of the last pass, to tell a retry of it from a pass over a new one. Worker thread only. */
    private NodePlan lastTried;
    private volatile Optional<Convergence> last = Optional.empty();
    private int failuresInARow;

    /**
     * @param node    {@code cluster/node}, for logs
     * @param enactor empty: observe only, report every plan as not enacted
     */
    public PlanLoop(String node, Optional<Enactor> enactor, StatusSink sink, ApplyMetrics metrics, Clock clock,
            Duration resyncInterval, Backoff backoff) {
        this(node, enactor, sink, metrics, clock, resyncInterval, backoff, PassTracing.NONE);
    }

    /** @param tracing puts each pass, its report included, into the trace of the plan it converges to */
    public PlanLoop(String node, Optional<Enactor> enactor, StatusSink sink, ApplyMetrics metrics, Clock clock,
            Duration resyncInterval, Backoff backoff, PassTracing tracing) {
        this.node = node;
        this.enactor = enactor;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.resyncInterval = resyncInterval;
        this.backoff = backoff;
        this.tracing = tracing;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name("plan-loop").daemon().unstarted(r));
        // On close, a running apply finishes (an interrupted ip -batch would only cost a re-apply) but queued
        // retries and timers do not start.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.worker = executor;
    }

    /** Starts the resync timer. Plans offered before are already queued. */
    public void start() {
        long period = resyncInterval.toMillis();
        worker.scheduleWithFixedDelay(this::resync, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a periodic node task (the neighbor refresher) on the loop's worker, so that only one thread ever writes
     * to the kernel. A failing run is logged and the next one runs on time.
     */
    public void every(Duration period, String what, Runnable task) {
        worker.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s failed node=%s", what, node);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands over a plan read from the topic; returns at once. */
    public void offer(NodePlan plan) {
        NodePlan before = newest.getAndAccumulate(plan,
                (current, next) -> current == null || next.generation() >= current.generation() ? next : current);
        NodePlan held = before == null || plan.generation() >= before.generation() ? plan : before;
        if (held == plan) {
            refused.getAndUpdate(r -> r != null && r.generation() <= plan.generation() ? null : r);
            if (samePlan(before, plan)) {
                // A re-read of the held plan (a reconnect seeks back): no reason to cut a retry's back-off short.
                requestPass(Duration.ZERO);
            } else {
                passNow();
            }
        } else {
            LOG.infof("ignored older plan node=%s generation=%d (holding %d)", node, plan.generation(),
                    held.generation());
        }
    }

    /**
     * Hands over a plan the intake refused. Nothing of it is applied; the refusal is reported at once (with the last
     * accepted plan's results, if any) and in every report after it, until a newer plan is accepted. A refusal older
     * than the held plan is a stale read and ignored.
     */
    public void refuse(PlanRefusal refusal) {
        NodePlan held = newest.get();
        if (held != null && refusal.generation() <= held.generation()) {
            LOG.infof("ignored refusal of older plan node=%s generation=%d (holding %d)", node, refusal.generation(),
                    held.generation());
            return;
        }
        refused.set(refusal);
        metrics.recordRefusal();
        LOG.warnf("refused plan node=%s generation=%d, keeping the last accepted plan: %s", node,
                refusal.generation(), refusal.summary());
        if (held == null) {
            worker.execute(() -> reportRefusalBeforeAnyPlan(refusal));
        } else {
            passNow();
        }
    }

    /** The newest plan's refusal, while no newer plan was accepted. */
    public Optional<PlanRefusal> refused() {
        return Optional.ofNullable(refused.get());
    }

    private void reportRefusalBeforeAnyPlan(PlanRefusal refusal) {
        if (newest.get() != null || refused.get() != refusal) {
            return;
        }
        try {
            sink.refusedBeforeAnyPlan(refusal);
        } catch (RuntimeException e) {
            metrics.recordError();
            LOG.errorf(e, "refusal report failed node=%s generation=%d, retrying", node, refusal.generation());
            worker.schedule(() -> reportRefusalBeforeAnyPlan(refusal), backoff.delay(1).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** The last pass that reached the sink; empty before the first. */
    public Optional<Convergence> last() {
        return last;
    }

    /** Generation of the newest plan received, which the next pass will converge to. */
    public OptionalLong heldGeneration() {
        NodePlan plan = newest.get();
        return plan == null ? OptionalLong.empty() : OptionalLong.of(plan.generation());
    }

    /** Whether a plan has been received at all. */
    public boolean hasPlan() {
        return newest.get() != null;
    }

    private void resync() {
        if (hasPlan()) {
            requestPass(Duration.ZERO);
        }
    }

    /** Asks for one pass after {@code delay}, unless one is already waiting (which will read the newest plan). */
    private void requestPass(Duration delay) {
        synchronized (scheduling) {
            if (scheduled == null) {
                scheduled = worker.schedule(this::pass, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Asks for a pass at once: a waiting delayed retry is cancelled and replaced. If the cancel loses the race (the
     * retry is starting), that pass reads the newest plan anyway.
     */
    private void passNow() {
        synchronized (scheduling) {
            if (scheduled != null && scheduled.getDelay(TimeUnit.MILLISECONDS) > 0 && scheduled.cancel(false)) {
                scheduled = null;
            }
            if (scheduled == null) {
                scheduled = worker.schedule(this::pass, 0, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void pass() {
        synchronized (scheduling) {
            scheduled = null;
        }
        NodePlan plan = newest.get();
        if (!samePlan(lastTried, plan)) {
            failuresInARow = 0;
        }
        lastTried = plan;
        // Correlation fields of every line of this pass, as separate keys in the JSON log.
        MDC.put("node", node);
        MDC.put("generation", Long.toString(plan.generation()));
        try (PassTracing.Pass traced = tracing.start(plan)) {
            try {
                Convergence convergence = converge(plan);
                sink.report(convergence);
                traced.reported(convergence);
                last = Optional.of(convergence);
                metrics.record(convergence);
                log(convergence);
                failuresInARow = convergence.failed() ? failuresInARow + 1 : 0;
            } catch (RuntimeException e) {
                traced.failed(e);
                failuresInARow++;
                metrics.recordError();
                LOG.errorf(e, "apply failed node=%s generation=%d attempt=%d", node, plan.generation(), failuresInARow);
            }
        }
        if (failuresInARow > 0) {
            requestPass(backoff.delay(failuresInARow));
        }
        MDC.remove("node");
        MDC.remove("generation");
    }

    private static boolean samePlan(NodePlan a, NodePlan b) {
        return a != null && b != null && a.generation() == b.generation() && a.contentHash().equals(b.contentHash());
    }

    private Convergence converge(NodePlan plan) {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        Optional<Enactment> enactment = enactor.map(e -> e.apply(plan));
        return new Convergence(plan, enactment, start, Duration.ofNanos(System.nanoTime() - t0),
                Optional.ofNullable(refused.get()));
    }

    private void log(Convergence c) {
        if (c.enactment().isEmpty()) {
            LOG.infof("observed plan node=%s generation=%d hash=%s (not enacted)", node, c.plan().generation(),
                    c.plan().contentHash());
            return;
        }
        Enactment e = c.enactment().get();
        long failed = e.results().stream().filter(r -> r.failed()).count();
        LOG.infof("applied plan node=%s generation=%d hash=%s kernelWrites=%d frrReloaded=%s failed=%d tookMs=%d",
                node, e.generation(), e.planHash(), e.kernelWrites(), e.frrReloaded(), failed, c.took().toMillis());
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
