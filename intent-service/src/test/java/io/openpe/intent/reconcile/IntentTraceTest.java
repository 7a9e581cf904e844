package io.openpe.intent.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.ApplyRequest;
import io.openpe.intent.v1.IntentServiceGrpc;
import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.TraceHeaders;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tracing on (issue 11): an intent's arrival starts a trace (the gRPC server span of the extension, or the span the
 * directory source starts by hand), and every plan record it causes carries that trace in its {@code traceparent}
 * header, on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(IntentTraceTest.Traced.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntentTraceTest {

    static final Path DIRECTORY = tempDirectory();

    /** The SDK on, spans to the in-memory exporter and nowhere else (no OTLP connection attempts). */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.simple", "true",
                    "openpe.intents.directory", DIRECTORY.toString(),
                    "openpe.intents.poll-interval-ms", "100",
                    "openpe.cluster", "traced");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @GrpcClient("intent")
    IntentServiceGrpc.IntentServiceBlockingStub intents;

    @Inject
    InMemorySpanExporter spans;

    PlanTopic plans;

    @BeforeEach
    void tail() {
        plans = new PlanTopic(bootstrapServers);
    }

    @AfterEach
    void close() {
        plans.close();
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        TempDirectories.delete(DIRECTORY);
    }

    @Test
    @Order(1)
    void aDirectoryChangeStartsATraceThatItsPlanRecordsCarry() throws IOException {
        for (String file : new String[] {"underlay.yaml", "nodes.yaml"}) {
            try (var in = getClass().getResourceAsStream(file)) {
                Files.write(DIRECTORY.resolve(file), in.readAllBytes());
            }
        }
        plans.await("traced/node-0", p -> p.getGeneration() >= 1);
        SpanContext carried = TraceHeaders.spanContextOf(last(plans.drain().records(), "traced/node-0").headers());

        assertTrue(carried.isValid(), "the plan record carries a traceparent");
        SpanData sync = await().atMost(Duration.ofSeconds(10)).until(
                () -> find(s -> s.getName().equals("intents directory sync")
                        && s.getTraceId().equals(carried.getTraceId())), s -> s != null);
        assertEquals(carried.getSpanId(), sync.getSpanId(), "the sync span is the records' parent");
        assertTrue(!sync.getParentSpanContext().isValid(), "an arrival starts a trace of its own");
    }

    @Test
    @Order(2)
    void aGrpcApplyIsTracedFromTheServerSpanToEveryPlanRecordItChanges() {
        plans.drain();
        intents.apply(ApplyRequest.newBuilder().setManifest("""
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L2VNI
                metadata: {name: traced, namespace: tenant-a}
                spec:
                  vni: 130
                  hostmaster: {type: bridge, autocreate: true}
                  nodeSelector:
                    matchLabels: {kubernetes.io/hostname: node-1}
                """).build());
        NodePlan node1 = plans.await("traced/node-1",
                p -> p.getL2DomainsList().stream().anyMatch(d -> d.getVni() == 130));
        SpanContext carried = TraceHeaders.spanContextOf(last(plans.drain().records(), "traced/node-1").headers());

        assertTrue(carried.isValid(), "the plan record of generation " + node1.getGeneration() + " carries a traceparent");
        SpanData server = await().atMost(Duration.ofSeconds(10)).until(
                () -> find(s -> s.getKind() == SpanKind.SERVER && s.getName().endsWith("IntentService/Apply")
                        && s.getTraceId().equals(carried.getTraceId())), s -> s != null);
        assertEquals(carried.getSpanId(), server.getSpanId(), "the records' parent is the Apply call's span");
    }

    private SpanData find(java.util.function.Predicate<SpanData> match) {
        return spans.getFinishedSpanItems().stream().filter(match).findFirst().orElse(null);
    }

    private static ConsumerRecord<String, NodePlan> last(List<ConsumerRecord<String, NodePlan>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).reduce((a, b) -> b).orElseThrow();
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("openpe-traced-intents");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
