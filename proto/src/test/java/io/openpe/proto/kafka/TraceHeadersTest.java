package io.openpe.proto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TraceHeadersTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";

    @Test
    void theCurrentSpanTravelsAsTraceparentAndComesBackAsTheRemoteParent() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, "00-stale".getBytes(StandardCharsets.UTF_8));
        Span span = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope ignored = span.makeCurrent()) {
            TraceHeaders.inject(headers);
        }

        assertEquals("00-" + TRACE + "-" + SPAN + "-01",
                new String(headers.lastHeader(TraceHeaders.TRACEPARENT).value(), StandardCharsets.UTF_8));
        assertEquals(1, headers.toArray().length, "the stale header is replaced, not kept beside the new one");
        SpanContext read = TraceHeaders.spanContextOf(headers);
        assertTrue(read.isRemote());
        assertEquals(TRACE, read.getTraceId());
        assertEquals(SPAN, read.getSpanId());
    }

    @Test
    void outsideAnyTraceNoHeaderIsWritten() {
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.inject(headers);
        assertNull(headers.lastHeader(TraceHeaders.TRACEPARENT));
        assertFalse(TraceHeaders.spanContextOf(headers).isValid());
    }

    @Test
    void aMalformedTraceparentIsNoParent() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(TraceHeaders.TRACEPARENT, "00-not-a-trace-01".getBytes(StandardCharsets.UTF_8));
        assertFalse(TraceHeaders.spanContextOf(headers).isValid());
    }
}
