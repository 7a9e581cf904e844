package io.openpe.node.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.PassTracing;
import io.openpe.proto.kafka.TraceHeaders;
import io.openpe.proto.kafka.Topics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Which passes join a plan record's trace: the ones until the node reported the plan converged, no later ones. */
class PlanTracesTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final PlanTraces traces = new PlanTraces(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider
            .builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build(), "local/node-a");

    private static NodePlan plan(long generation, String hash) {
        return new NodePlan("local", "node-a", generation, hash, Optional.empty(), List.of(), List.of(),
                Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> record(long offset, Optional<String> traceparent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.PLANS, 0, offset, "local/node-a",
                new byte[0]);
        traceparent.ifPresent(t -> record.headers().add(TraceHeaders.TRACEPARENT, t.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static Optional<String> writer(String span) {
        return Optional.of("00-" + TRACE + "-" + span + "-01");
    }

    private static Convergence observed(NodePlan plan) {
        return new Convergence(plan, Optional.empty(), Instant.EPOCH, Duration.ZERO);
    }

    private List<SpanData> named(String name) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void passesFollowTheRecordUntilOneReportsThenResyncsAreUntraced() {
        NodePlan plan = plan(3, "h3");
        traces.accepted(record(7, writer("b7ad6b7169203331")), plan);

        try (PassTracing.Pass failed = traces.start(plan)) {
            assertNotSame(PassTracing.Pass.UNTRACED, failed);
            assertEquals(TRACE, Span.current().getSpanContext().getTraceId(), "the pass's span is current");
            failed.failed(new IllegalStateException("broker unavailable"));
        }
        try (PassTracing.Pass retry = traces.start(plan)) {
            assertNotSame(PassTracing.Pass.UNTRACED, retry, "a retry after a failed pass stays in the trace");
            retry.reported(observed(plan));
        }
        assertSame(PassTracing.Pass.UNTRACED, traces.start(plan), "a resync after the report starts no span");

        SpanData receive = named(PlanTraces.RECEIVE).getFirst();
        assertEquals("b7ad6b7169203331", receive.getParentSpanId());
        List<SpanData> passes = named(PlanTraces.CONVERGE);
        assertEquals(2, passes.size());
        assertTrue(passes.stream().allMatch(s -> s.getParentSpanId().equals(receive.getSpanId())), passes.toString());
        assertEquals(StatusCode.ERROR, passes.get(0).getStatus().getStatusCode());
        assertEquals(StatusCode.UNSET, passes.get(1).getStatus().getStatusCode());
    }

    @Test
    void onlyThePlanTheRecordCarriedIsTraced() {
        traces.accepted(record(1, writer("b7ad6b7169203331")), plan(1, "h1"));

        assertSame(PassTracing.Pass.UNTRACED, traces.start(plan(2, "h2")), "another plan");
        assertSame(PassTracing.Pass.UNTRACED, traces.start(plan(1, "other")), "same generation, other content");
        traces.accepted(record(2, Optional.empty()), plan(2, "h2"));
        assertSame(PassTracing.Pass.UNTRACED, traces.start(plan(2, "h2")), "a record outside any trace");
        assertEquals(1, named(PlanTraces.RECEIVE).size(), "no receive span for the untraced record");
    }

    @Test
    void aRefusedPlanEndsItsTraceWithTheReason() {
        traces.refused(record(4, writer("00f067aa0ba902b7")),
                new PlanRefusal(4, "h4", List.of(new FieldError("l2Domains[0].vni", Optional.empty(), "must be 1..16777215"))));

        SpanData receive = named(PlanTraces.RECEIVE).getFirst();
        assertEquals(StatusCode.ERROR, receive.getStatus().getStatusCode());
        assertTrue(receive.getStatus().getDescription().contains("l2Domains[0].vni"), receive.getStatus().toString());
        assertSame(PassTracing.Pass.UNTRACED, traces.start(plan(4, "h4")));
    }
}
