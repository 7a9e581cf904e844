package io.openpe.node.trace;

import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.PassTracing;
import io.openpe.proto.kafka.TraceHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.MDC;

/**
 * Continues, on the node, the trace an intent's arrival started in intent-service (docs/decisions.md
 * "OpenTelemetry"). The plan intake's consumer is a raw client, so the record's {@code traceparent} is read here: each
 * plan record gets a receive span ({@value #RECEIVE}, a child of the writer's span), and the loop's passes over that
 * plan are children of it ({@value #CONVERGE}), with the node-status they publish inside, until one pass reports the
 * plan converged. Later passes over the same plan (drift-repair resyncs) belong to no trace: a trace ends at the
 * node's applied status instead of growing every resync interval. Retries after a failed pass stay in it.
 *
 * <p>Only the newest accepted plan's arrival is kept: the loop converges the newest plan, and a plan superseded
 * before its pass ends with its receive span.
 */
public final class PlanTraces implements PassTracing {

    /** The span of a plan record read by the intake. */
    public static final String RECEIVE = "openpe.plans receive";
    /** The span of one pass of the loop over a plan: enactment and node-status report. */
    public static final String CONVERGE = "converge plan";

    private final Tracer tracer;
    private final String node;
    private final AtomicReference<Arrival> newest = new AtomicReference<>();

    /** A plan record's trace: the receive span's context, which its passes continue. */
    private record Arrival(long generation, String contentHash, Context context) {
        boolean of(NodePlan plan) {
            return generation == plan.generation() && contentHash.equals(plan.contentHash());
        }
    }

    /** @param node {@code cluster/node}, an attribute of every span */
    public PlanTraces(OpenTelemetry openTelemetry, String node) {
        this.tracer = openTelemetry.getTracer("io.openpe.node");
        this.node = node;
    }

    /**
     * A plan record the intake accepted, before the loop is handed the plan. A record without a trace context
     * (written outside any trace, or tracing off at the writer) starts none here.
     */
    public void accepted(ConsumerRecord<String, byte[]> record, NodePlan plan) {
        Context parent = TraceHeaders.extract(record.headers());
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        Span receive = receive(record, parent, plan.generation()).startSpan();
        receive.end();
        newest.set(new Arrival(plan.generation(), plan.contentHash(), parent.with(receive)));
    }

    /** A plan record the intake refused: its trace ends here, with the reason; nothing of it is enacted. */
    public void refused(ConsumerRecord<String, byte[]> record, PlanRefusal refusal) {
        Context parent = TraceHeaders.extract(record.headers());
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        Span receive = receive(record, parent, refusal.generation()).startSpan();
        receive.setStatus(StatusCode.ERROR, "plan refused: " + refusal.summary());
        receive.end();
    }

    private SpanBuilder receive(ConsumerRecord<String, byte[]> record, Context parent, long generation) {
        return tracer.spanBuilder(RECEIVE).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "receive")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.kafka.message.key", record.key())
                .setAttribute("openpe.node", node)
                .setAttribute("openpe.plan.generation", generation);
    }

    @Override
    public Pass start(NodePlan plan) {
        Arrival arrival = newest.get();
        if (arrival == null || !arrival.of(plan)) {
            return Pass.UNTRACED;
        }
        Span span = tracer.spanBuilder(CONVERGE).setParent(arrival.context())
                .setAttribute("openpe.node", node)
                .setAttribute("openpe.plan.generation", plan.generation())
                .setAttribute("openpe.plan.hash", plan.contentHash())
                .startSpan();
        return new TracedPass(arrival, span, span.makeCurrent());
    }

    private final class TracedPass implements Pass {
        private final Arrival arrival;
        private final Span span;
        private final Scope scope;

        TracedPass(Arrival arrival, Span span, Scope scope) {
            this.arrival = arrival;
            this.span = span;
            this.scope = scope;
            // The same keys Quarkus puts on request threads: the pass's log lines name the trace.
            SpanContext context = span.getSpanContext();
            MDC.put("traceId", context.getTraceId());
            MDC.put("spanId", context.getSpanId());
        }

        @Override
        public void reported(Convergence convergence) {
            span.setAttribute("openpe.enacted", convergence.enacted());
            convergence.enactment().ifPresent(e -> {
                span.setAttribute("openpe.kernel.writes", e.kernelWrites());
                span.setAttribute("openpe.frr.reloaded", e.frrReloaded());
                span.setAttribute("openpe.objects.failed", e.results().stream().filter(r -> r.failed()).count());
            });
            if (convergence.failed()) {
                span.setStatus(StatusCode.ERROR, "objects failed; the loop retries");
            } else {
                newest.compareAndSet(arrival, null);
            }
        }

        @Override
        public void failed(RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }

        @Override
        public void close() {
            MDC.remove("traceId");
            MDC.remove("spanId");
            scope.close();
            span.end();
        }
    }
}
