package io.openpe.node.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.linux.Enactment;

/** Micrometer meters of the loop: applies, kernel writes, failed objects by kind, apply duration. */
public final class ApplyMetrics {

    private final MeterRegistry registry;
    private final Counter applies;
    private final Counter kernelWrites;
    private final Counter errors;
    private final Timer duration;

    public ApplyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.applies = registry.counter("openpe.node.applies");
        this.kernelWrites = registry.counter("openpe.node.kernel.writes");
        this.errors = registry.counter("openpe.node.apply.errors");
        this.duration = registry.timer("openpe.node.apply.duration");
    }

    void record(Convergence convergence) {
        if (!convergence.enacted()) {
            return;
        }
        Enactment enactment = convergence.enactment().orElseThrow();
        applies.increment();
        kernelWrites.increment(enactment.kernelWrites());
        duration.record(convergence.took());
        for (ObjectResult result : enactment.results()) {
            if (result.failed()) {
                registry.counter("openpe.node.apply.failures", "kind", kindOf(result.object())).increment();
            }
        }
    }

    /** A plan refused because fields of it break the rules (hostile or corrupt plan text). */
    void recordRefusal() {
        registry.counter("openpe.node.plans.refused").increment();
    }

    /** An apply or report that threw (Kafka down, FRR tools missing): retried with backoff. */
    void recordError() {
        errors.increment();
    }

    /** Objects are named "{@code <kind> <name>}" ({@code bridge br-pe-110}, {@code frr config}). */
    static String kindOf(String object) {
        int space = object.indexOf(' ');
        return space < 0 ? object : object.substring(0, space);
    }
}
