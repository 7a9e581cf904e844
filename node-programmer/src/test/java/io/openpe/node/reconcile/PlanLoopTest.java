package io.openpe.node.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.PlanRefusal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanLoopTest {

    private static final Duration NO_RESYNC = Duration.ofHours(1);
    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100));

    private final RecordingEnactor enactor = new RecordingEnactor();
    private final List<Convergence> reported = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PlanRefusal> refusedEarly = new CopyOnWriteArrayList<>();

    static NodePlan plan(long generation, String hash) {
        return new NodePlan("local", "node-a", generation, hash, Optional.empty(), List.of(), List.of(),
                Optional.empty());
    }

    /** A sink that hands every report to {@code reports} and every early refusal to {@link #refusedEarly}. */
    private StatusSink sink(Consumer<Convergence> reports) {
        return new StatusSink() {
            @Override
            public void report(Convergence convergence) {
                reports.accept(convergence);
            }

            @Override
            public void refusedBeforeAnyPlan(PlanRefusal refusal) {
                refusedEarly.add(refusal);
            }
        };
    }

    private PlanLoop loop(Optional<Enactor> enactor, StatusSink sink, Duration resync) {
        return new PlanLoop("local/node-a", enactor, sink, new ApplyMetrics(registry), Clock.systemUTC(), resync,
                FAST);
    }

    @Test
    void plansOfferedDuringAnApplyCoalesceIntoOnePassOverTheLast() throws Exception {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), NO_RESYNC)) {
            loop.start();
            var entered = enactor.hold();
            loop.offer(plan(1, "h1"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            loop.offer(plan(2, "h2"));
            loop.offer(plan(3, "h3"));
            loop.offer(plan(4, "h4"));
            enactor.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 2);
            assertEquals(List.of(1L, 4L), enactor.applied);
            assertEquals(4, loop.last().orElseThrow().plan().generation());
        }
    }

    @Test
    void anOlderGenerationIsIgnoredOnceANewerOneIsHeld() throws Exception {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), NO_RESYNC)) {
            loop.start();
            var entered = enactor.hold();
            loop.offer(plan(5, "h5"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            loop.offer(plan(3, "h3"));
            enactor.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            // A second, unrelated plan proves the loop is idle and did not queue generation 3.
            loop.offer(plan(6, "h6"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 2);
            assertEquals(List.of(5L, 6L), enactor.applied);
        }
    }

    @Test
    void theTimerReappliesTheNewestPlanSoDriftIsRepaired() {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), Duration.ofMillis(50))) {
            loop.start();
            loop.offer(plan(7, "h7"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() >= 3);
            assertTrue(enactor.applied.stream().allMatch(g -> g == 7L), enactor.applied.toString());
            // The fake charges writes only the first time a hash is seen: re-applies of an unchanged plan cost 0.
            assertEquals(3, reported.getFirst().enactment().orElseThrow().kernelWrites());
            assertEquals(0, reported.get(2).enactment().orElseThrow().kernelWrites());
            assertEquals(3.0, registry.counter("openpe.node.kernel.writes").count());
        }
    }

    @Test
    void aReportThatThrowsIsRetriedWithBackoffUntilItIsStored() {
        AtomicInteger attempts = new AtomicInteger();
        StatusSink flaky = sink(c -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("broker unavailable");
            }
            reported.add(c);
        });
        try (PlanLoop loop = loop(Optional.of(enactor), flaky, NO_RESYNC)) {
            loop.start();
            loop.offer(plan(1, "h1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            assertEquals(3, attempts.get());
            assertEquals(List.of(1L, 1L, 1L), enactor.applied);
            assertEquals(2.0, registry.counter("openpe.node.apply.errors").count());
        }
    }

    /** Each pass is opened with its plan and closed after the report, which happens inside it; a throw is told. */
    @Test
    void everyPassIsOpenedForItsPlanAndClosedAfterItsReportOrFailure() {
        List<String> events = new CopyOnWriteArrayList<>();
        PassTracing tracing = plan -> {
            events.add("start " + plan.contentHash());
            return new PassTracing.Pass() {
                @Override
                public void reported(Convergence convergence) {
                    events.add("reported " + convergence.plan().contentHash());
                }

                @Override
                public void failed(RuntimeException e) {
                    events.add("failed " + e.getMessage());
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        };
        AtomicInteger attempts = new AtomicInteger();
        StatusSink flaky = sink(c -> {
            events.add("report");
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("broker unavailable");
            }
            reported.add(c);
        });
        try (PlanLoop loop = new PlanLoop("local/node-a", Optional.of(enactor), flaky, new ApplyMetrics(registry),
                Clock.systemUTC(), NO_RESYNC, FAST, tracing)) {
            loop.start();
            loop.offer(plan(1, "h1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
        }
        assertEquals(List.of("start h1", "report", "failed broker unavailable", "close",
                "start h1", "report", "reported h1", "close"), events);
    }

    @Test
    void aFailedObjectIsCountedByKindAndRetried() {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), NO_RESYNC)) {
            loop.start();
            loop.offer(plan(1, "fail-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() >= 2);
            assertTrue(registry.counter("openpe.node.apply.failures", "kind", "bridge").count() >= 2.0);
        }
    }

    @Test
    void aNewPlanOfferedWhileARetryWaitsIsAppliedAtOnce() {
        // A back-off long enough that waiting it out would fail the await below.
        Backoff slow = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (PlanLoop loop = new PlanLoop("local/node-a", Optional.of(enactor), sink(reported::add),
                new ApplyMetrics(registry), Clock.systemUTC(), NO_RESYNC, slow)) {
            loop.start();
            loop.offer(plan(1, "fail-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            assertTrue(reported.getFirst().failed());
            loop.offer(plan(2, "h2"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 2);
            assertEquals(List.of(1L, 2L), enactor.applied);
            assertFalse(reported.get(1).failed());
        }
    }

    @Test
    void aReReadOfTheFailedPlanKeepsItsBackoff() {
        Backoff slow = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(60));
        try (PlanLoop loop = new PlanLoop("local/node-a", Optional.of(enactor), sink(reported::add),
                new ApplyMetrics(registry), Clock.systemUTC(), NO_RESYNC, slow)) {
            loop.start();
            loop.offer(plan(1, "fail-1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            loop.offer(plan(1, "fail-1"));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> enactor.applied.size() == 1);
        }
    }

    @Test
    void anObservingLoopReportsEveryPlanWithoutEnactingIt() {
        try (PlanLoop loop = loop(Optional.empty(), sink(reported::add), NO_RESYNC)) {
            loop.start();
            assertFalse(loop.hasPlan());
            loop.offer(plan(2, "h2"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            assertFalse(reported.getFirst().enacted());
            assertEquals(List.of(), enactor.applied);
            assertEquals(0.0, registry.counter("openpe.node.applies").count());
        }
    }

    private static PlanRefusal refusal(long generation) {
        return new PlanRefusal(generation, "bad", List.of(new FieldError("l3Domains[0].vrf", Optional.empty(),
                "must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red\\nnetns exec x touch /tmp/m\"")));
    }

    @Test
    void aRefusalBeforeAnyPlanIsReportedAndNothingIsEnacted() {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), NO_RESYNC)) {
            loop.start();
            loop.refuse(refusal(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> refusedEarly.size() == 1);
            assertEquals(1, refusedEarly.getFirst().generation());
            assertFalse(loop.hasPlan());
            assertEquals(List.of(), enactor.applied);
            assertEquals(List.of(), reported);
            assertEquals(1.0, registry.counter("openpe.node.plans.refused").count());
        }
    }

    @Test
    void aRefusedPlanKeepsTheLastAcceptedOneUntilANewerPlanIsAccepted() {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), NO_RESYNC)) {
            loop.start();
            loop.offer(plan(1, "h1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            loop.refuse(refusal(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 2);
            Convergence withRefusal = reported.get(1);
            assertEquals(1, withRefusal.plan().generation());
            assertEquals(2, withRefusal.refused().orElseThrow().generation());
            assertTrue(enactor.applied.stream().allMatch(g -> g == 1L), enactor.applied.toString());
            assertEquals(1, loop.heldGeneration().getAsLong());

            loop.offer(plan(3, "h3"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 3);
            assertEquals(3, reported.get(2).plan().generation());
            assertTrue(reported.get(2).refused().isEmpty());
            assertTrue(loop.refused().isEmpty());
        }
    }

    @Test
    void aRefusalOlderThanTheHeldPlanIsIgnored() {
        try (PlanLoop loop = loop(Optional.of(enactor), sink(reported::add), NO_RESYNC)) {
            loop.start();
            loop.offer(plan(5, "h5"));
            await().atMost(Duration.ofSeconds(10)).until(() -> reported.size() == 1);
            loop.refuse(refusal(4));
            assertTrue(loop.refused().isEmpty());
            assertEquals(0.0, registry.counter("openpe.node.plans.refused").count());
        }
    }

    @Test
    void backoffDoublesAndIsCapped() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertEquals(Duration.ofSeconds(1), backoff.delay(1));
        assertEquals(Duration.ofSeconds(2), backoff.delay(2));
        assertEquals(Duration.ofSeconds(32), backoff.delay(6));
        assertEquals(Duration.ofSeconds(60), backoff.delay(7));
        assertEquals(Duration.ofSeconds(60), backoff.delay(500));
    }
}
