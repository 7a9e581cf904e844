package io.openpe.node.trace;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.NodePlan;
import io.openpe.node.PlanTopics;
import io.openpe.node.RecordingEnactorBean;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.TraceHeaders;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tracing on (issue 11), the agent in-process on a real broker with the recording enactor: a plan record's
 * {@code traceparent} is continued by the receive span, the pass's converge span (the enactment) and the node-status
 * record the pass publishes through the SmallRye channel.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeTraceTest.Traced.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeTraceTest {

    static final String KEY = "local/node-t";
    /** The writer's span, as intent-service's topic writer puts it on a plan record. */
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String WRITER_SPAN = "b7ad6b7169203331";

    /** The SDK on, spans to the in-memory exporter and nowhere else (no OTLP connection attempts). */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.simple", "true",
                    "openpe.node.enact", "true",
                    "openpe.cluster", "local", "openpe.node.name", "node-t",
                    "openpe.node.resync-interval", "1h");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    RecordingEnactorBean enactor;

    @Test
    @Order(1)
    void aPlanRecordsTraceContinuesThroughTheEnactmentToTheNodeStatusRecord() {
        publish(PlanTopics.plan("local", "node-t", 1, "h1"),
                Optional.of("00-" + TRACE + "-" + WRITER_SPAN + "-01"));

        ConsumerRecord<String, NodeStatus> status = awaitStatus(s -> s.getAppliedGeneration() == 1);
        assertTrue(enactor.applied.contains(1L), "the recording enactor applied the plan: " + enactor.applied);
        SpanData receive = awaitSpan(s -> s.getName().equals(PlanTraces.RECEIVE));
        assertEquals(TRACE, receive.getTraceId());
        assertEquals(WRITER_SPAN, receive.getParentSpanId(), "the receive span continues the writer's span");
        assertEquals(SpanKind.CONSUMER, receive.getKind());
        SpanData converge = awaitSpan(s -> s.getName().equals(PlanTraces.CONVERGE));
        assertEquals(TRACE, converge.getTraceId());
        assertEquals(receive.getSpanId(), converge.getParentSpanId(), "the pass is a child of the receive span");
        assertEquals(Boolean.TRUE, converge.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("openpe.enacted")).map(Map.Entry::getValue)
                .findFirst().orElse(null));

        SpanContext carried = TraceHeaders.spanContextOf(status.headers());
        assertEquals(TRACE, carried.getTraceId(), "the node-status record carries the plan's trace");
        SpanData statusParent = awaitSpan(s -> s.getSpanId().equals(carried.getSpanId()));
        assertTrue(statusParent.getSpanId().equals(converge.getSpanId())
                || statusParent.getParentSpanId().equals(converge.getSpanId()),
                "the status was published inside the pass: " + statusParent);
    }

    @Test
    @Order(2)
    void aPlanRecordOutsideAnyTraceStartsNoneAndItsStatusCarriesNoTraceparent() {
        int before = spans.getFinishedSpanItems().size();
        publish(PlanTopics.plan("local", "node-t", 2, "h2"), Optional.empty());

        ConsumerRecord<String, NodeStatus> status = awaitStatus(s -> s.getAppliedGeneration() == 2);
        assertFalse(TraceHeaders.spanContextOf(status.headers()).isValid(), "no trace is made up on the node");
        assertFalse(spans.getFinishedSpanItems().stream().skip(before)
                .anyMatch(s -> s.getName().equals(PlanTraces.CONVERGE)), "the pass over generation 2 is untraced");
    }

    private void publish(NodePlan plan, Optional<String> traceparent) {
        try (var producer = new KafkaProducer<String, NodePlan>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ProtobufSerializer<>())) {
            var record = new ProducerRecord<>(Topics.PLANS, KEY, plan);
            traceparent.ifPresent(t -> record.headers().add(TraceHeaders.TRACEPARENT,
                    t.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private SpanData awaitSpan(Predicate<SpanData> match) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> spans.getFinishedSpanItems().stream().filter(match).findFirst().orElse(null), s -> s != null);
    }

    /** The first node-status record of {@link #KEY} whose value matches, read from the topic with its headers. */
    private ConsumerRecord<String, NodeStatus> awaitStatus(Predicate<NodeStatus> match) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> statusRecords().stream()
                .filter(r -> match.test(r.value())).findFirst().orElse(null), r -> r != null);
    }

    private List<ConsumerRecord<String, NodeStatus>> statusRecords() {
        List<ConsumerRecord<String, NodeStatus>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, NodeStatus>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ProtobufDeserializer<>(NodeStatus.parser()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NODE_STATUS, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (KEY.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
