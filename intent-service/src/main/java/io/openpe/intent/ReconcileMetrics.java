package io.openpe.intent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.reconcile.ReconcileObserver;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Prometheus metrics of intent-service: {@code openpe_intent_plan_rounds_seconds}, {@code openpe_intent_plans_published_total},
 * {@code openpe_intent_rejected_total{kind}}, gauges for accepted intents, invalid objects, conflict losers and nodes,
 * and {@code openpe_intent_fleet_findings{check}}: the open conflicts with other clusters, per check (0 when none).
 */
final class ReconcileMetrics implements ReconcileObserver {

    private final MeterRegistry registry;
    private final Timer rounds;
    private final Counter published;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger invalid = new AtomicInteger();
    private final AtomicInteger nodes = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final Map<FleetFinding.Check, AtomicInteger> fleet = new EnumMap<>(FleetFinding.Check.class);

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
        for (FleetFinding.Check check : FleetFinding.Check.values()) {
            AtomicInteger count = new AtomicInteger();
            fleet.put(check, count);
            Gauge.builder("openpe.intent.fleet.findings", count, AtomicInteger::get)
                    .description("open conflicts with other clusters of the fleet (warnings; plans are still published)")
                    .tag("check", check.reason()).register(registry);
        }
    }

    @Override
    public void fleet(List<FleetFinding> findings) {
        Map<FleetFinding.Check, Long> counts = findings.stream()
                .collect(Collectors.groupingBy(FleetFinding::check, Collectors.counting()));
        fleet.forEach((check, gauge) -> gauge.set(counts.getOrDefault(check, 0L).intValue()));
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
