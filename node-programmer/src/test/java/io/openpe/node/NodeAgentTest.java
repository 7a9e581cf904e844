package io.openpe.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.Kind;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.intake.PlanIntake;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.reconcile.RecordingEnactor;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent in-process against a real KRaft broker. The enactor is the recording fake ({@link RecordingEnactorBean}):
 * this test proves intake, loop and status publishing; the real kernel path is {@code NodeAgentIT}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeAgentTest.EnactingNodeA.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeAgentTest {

    static final String KEY = "local/node-a";

    public static class EnactingNodeA implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.node.enact", "true", "openpe.cluster", "local", "openpe.node.name", "node-a",
                    "openpe.node.resync-interval", "1h");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RecordingEnactorBean enactor;

    @Inject
    NodeAgent agent;

    @TestHTTPResource("/")
    URI root;

    @Test
    @Order(1)
    void theNewestGenerationIsAppliedAndReportedWithEveryField() {
        Instant before = Instant.now();
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 1, "h1"),
                PlanTopics.plan("local", "node-b", 9, "other-node"), PlanTopics.plan("local", "node-a", 2, "h2"));

        NodeStatus status = awaitStatus(2);
        assertEquals("local", status.getCluster());
        assertEquals("node-a", status.getNode());
        assertEquals("h2", status.getAppliedPlanHash());
        assertEquals(3, status.getKernelWrites());
        assertTrue(status.getFrrReloaded());
        assertEquals(RecordingEnactor.FRR_HASH, status.getFrrConfigHash());
        assertEquals(2, status.getResultsCount());
        assertEquals("frr config", status.getResults(0).getObject());
        ObjectResult bridge = status.getResults(1);
        assertEquals("bridge br-pe-110", bridge.getObject());
        assertEquals(ObjectResult.State.STATE_APPLIED, bridge.getState());
        assertEquals(Kind.KIND_L2VNI, bridge.getSource().getKind());
        assertEquals("local", bridge.getSource().getCluster());
        assertEquals("vrf", status.getCapabilities(0).getCapability());
        assertFalse(status.getCapabilities(0).getSupported());
        assertTrue(status.getObservedAt().getSeconds() >= before.getEpochSecond());
        assertFalse(enactor.applied.contains(9L), "another node's plan was applied: " + enactor.applied);
        assertEquals(2L, enactor.applied.getLast());
    }

    @Test
    @Order(2)
    void readinessIncludesThePlanCheckAndMetricsCountApplies() throws Exception {
        HttpResponse<String> ready = get("q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("node plan applied or none yet"), ready.body());
        String metrics = get("q/metrics").body();
        // Generation 2 was applied by the fake for 3 kernel writes (a hash it had not seen).
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("openpe_node_applies_total") && !l.endsWith(" 0.0")),
                metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("openpe_node_kernel_writes_total")
                && sampleValue(l) >= 3.0), metrics);
        assertTrue(metrics.contains("openpe_node_apply_duration_seconds_count"), metrics);
        // The node-status channel's producer metrics (Quarkus binds SmallRye's clients to Micrometer).
        assertTrue(metrics.contains("kafka_producer_"), metrics);
        // The plan intake's raw consumer, bound by the same binder (PlanIntake.withMetrics).
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("kafka_consumer_")
                && l.contains("client_id=\"node-programmer-local/node-a\"")), metrics);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(3)
    void plansArrivingDuringAnApplyAreCoalescedIntoTheLast() throws Exception {
        var entered = enactor.hold();
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 3, "h3"));
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        int before = enactor.applied.size();
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 4, "h4"));
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 5, "h5"));
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 6, "h6"));
        // Generation 6 has reached the loop while generation 3 is still being applied.
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.heldGeneration().equals(OptionalLong.of(6)));
        enactor.release();
        awaitStatus(6);
        assertEquals(List.of(3L, 6L), enactor.applied.subList(before, enactor.applied.size()));
        List<Long> reported = PlanTopics.statuses(bootstrap, KEY).stream().map(NodeStatus::getAppliedGeneration)
                .toList();
        assertFalse(reported.contains(4L) || reported.contains(5L), reported.toString());
    }

    @Test
    @Order(4)
    void aRestartedIntakeReadsTheNewestPlanAgainFromTheBeginning() {
        List<NodePlan> received = new CopyOnWriteArrayList<>();
        try (PlanIntake restarted = new PlanIntake(bootstrap, KEY, received::add, refusal -> {
                }, new UndecodableRecords("test", new SimpleMeterRegistry()),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
            restarted.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(p -> p.generation() == 6));
            assertTrue(received.stream().allMatch(p -> p.node().equals("node-a")), received.toString());
        }
    }

    @Test
    @Order(5)
    void theIntakeReadsThePartitionTheDefaultProducerPartitionerWritesTheKeyTo() throws Exception {
        String topic = "partitioning-check";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap),
                        new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
            for (int i = 0; i < 40; i++) {
                String key = "cluster-" + (i % 3) + "/node-" + i;
                int written = producer.send(new ProducerRecord<>(topic, key, "x")).get().partition();
                assertEquals(written, PlanIntake.partitionFor(key, 12), key);
            }
        }
    }

    /** Issue 10: garbage bytes on openpe.plans are skipped once and counted; ready stays UP, the next plan applies. */
    @Test
    @Order(6)
    void garbageOnThePlansTopicIsSkippedCountedOnceAndTheNextPlanApplies() throws Exception {
        double before = skippedOnPlans();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers", bootstrap, "acks", "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PLANS, KEY, new byte[] {(byte) 0xff, (byte) 0xff, 0x01, 0x02}))
                    .get();
        }
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 7, "h7"));
        awaitStatus(7);
        assertEquals(7L, enactor.applied.getLast());
        assertEquals(before + 1, skippedOnPlans(), "counted exactly once");
        HttpResponse<String> ready = get("q/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"kafkaRecordsSkipped\": \"" + (long) (before + 1) + "\""), ready.body());
        assertTrue(ready.body().contains("lastSkippedRecord"), ready.body());
    }

    private double skippedOnPlans() throws Exception {
        return get("q/metrics").body().lines()
                .filter(l -> l.startsWith("openpe_kafka_records_skipped_total{") && l.contains("topic=\"openpe.plans\""))
                .mapToDouble(l -> sampleValue(l)).sum();
    }

    private NodeStatus awaitStatus(long generation) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> PlanTopics.statuses(bootstrap, KEY).stream()
                        .filter(s -> s.getAppliedGeneration() == generation).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    /** The value of one exposition line, without an OpenMetrics exemplar ({@code ... 1.0 # {trace_id=...} 1.0 ts}). */
    private static double sampleValue(String line) {
        String sample = line.split(" # ", 2)[0].trim();
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }
}
