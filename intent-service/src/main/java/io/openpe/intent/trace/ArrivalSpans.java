package io.openpe.intent.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * Starts the trace of an intent's arrival from a source that no Quarkus extension instruments: the directory poll
 * and the Kubernetes watch (a gRPC Apply gets its server span from the extension). The reconciler's writes run inside
 * the span, so the records they publish carry its context ({@code traceparent}, written by the topic writer) and each
 * node's enactment and status join the same trace (docs/decisions.md "OpenTelemetry").
 */
public final class ArrivalSpans {

    /** Where the intent came from: {@code directory} or {@code kubernetes}. */
    public static final AttributeKey<String> SOURCE = AttributeKey.stringKey("openpe.intent.source");

    private final Tracer tracer;

    public ArrivalSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.openpe.intent");
    }

    /** No tracing: tests and tools that build a source without the service. */
    public static ArrivalSpans off() {
        return new ArrivalSpans(OpenTelemetry.noop());
    }

    /**
     * Runs {@code arrival} inside a new root span (an arrival starts a trace; it continues none). A failure is
     * recorded on the span and thrown on.
     */
    public void run(String name, String source, Map<String, String> attributes, Runnable arrival) {
        var builder = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.CONSUMER).setAttribute(SOURCE, source);
        attributes.forEach(builder::setAttribute);
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            arrival.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            throw e;
        } finally {
            span.end();
        }
    }
}
