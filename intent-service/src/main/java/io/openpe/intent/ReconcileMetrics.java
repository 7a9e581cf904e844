package io.openpe.intent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.openpe.intent.reconcile.ReconcileObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus metrics of intent-service: {@code openpe_intent_plan_rounds_seconds}, {@code openpe_intent_plans_published_total},
 * {@code openpe_intent_rejected_total{kind}} and gauges for accepted intents, invalid objects, conflict losers and nodes.
 */
final class ReconcileMetrics implements ReconcileObserver {

    private final MeterRegistry registry;
    private final Timer rounds;
    private final Counter published;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger invalid = new AtomicInteger();
    private final AtomicInteger nodes = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();

    ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rounds = Timer.builder("openpe.intent.plan.rounds").description("plan rounds: plan every node, publish changes")
                .register(registry);
        this.published = Counter.builder("openpe.intent.plans.published").description("plans published to openpe.plans")
                .register(registry);
        registry.gauge("openpe.intent.accepted", accepted);
        registry.gauge("openpe.intent.invalid", invalid);
        registry.gauge("openpe.intent.nodes", nodes);
        registry.gauge("openpe.intent.conflict.losers", conflicts);
    }

    @Override
    public void round(int nodeCount, int plansPublished, long nanos) {
        rounds.record(nanos, TimeUnit.NANOSECONDS);
        published.increment(plansPublished);
    }

    @Override
    public void rejected(String kind) {
        registry.counter("openpe.intent.rejected", "kind", kind).increment();
    }

    @Override
    public void state(int acceptedIntents, int invalidObjects, int nodeCount, int conflictLosers) {
        accepted.set(acceptedIntents);
        invalid.set(invalidObjects);
        nodes.set(nodeCount);
        conflicts.set(conflictLosers);
    }
}
