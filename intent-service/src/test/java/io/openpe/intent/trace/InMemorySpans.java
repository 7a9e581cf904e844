package io.openpe.intent.trace;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The span exporter of the tracing tests: Quarkus hands every {@code SpanExporter} bean the finished spans
 * ({@code quarkus.otel.traces.exporter=cdi}). Idle in every other test, where the SDK is off as in production.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
