package io.openpe.proto.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The trace context of a record written or read by one of openpe's raw Kafka clients, as the W3C
 * {@code traceparent} (and {@code tracestate}) header: the same header SmallRye's instrumented channels write and read,
 * so a trace crosses a raw producer and a channel consumer alike (docs/decisions.md "OpenTelemetry").
 */
public final class TraceHeaders {

    /** The header that carries the trace and parent span id. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header last = headers == null ? null : headers.lastHeader(key);
            return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceHeaders() {
    }

    /**
     * Writes the current span's context into {@code headers}; nothing when there is no valid span (tracing off, or
     * a write outside any trace), so a record carries a header only when it belongs to a trace.
     */
    public static void inject(Headers headers) {
        if (Span.current().getSpanContext().isValid()) {
            W3C.inject(Context.current(), headers, SETTER);
        }
    }

    /** The headers {@link #inject} writes, for a client that takes headers one by one (a SmallRye record). */
    public static Headers current() {
        Headers headers = new RecordHeaders();
        inject(headers);
        return headers;
    }

    /** The remote span context the record's headers carry, on top of {@link Context#root()}; root when none. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }

    /** The span context of {@link #extract}: invalid when the record carries none (or a malformed one). */
    public static SpanContext spanContextOf(Headers headers) {
        return Span.fromContext(extract(headers)).getSpanContext();
    }
}
