package io.openpe.route.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.UnderlayPlan;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: garbage bytes on openpe.plans do not stop route-service's plan feed. The record is skipped and counted
 * once (topic and partition tags), readiness stays UP and shows it, and the next good plan still maps its router.
 * The plan feed is the SmallRye {@code plans} channel: every plan from the beginning in a group of its own, metered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class UndecodablePlanTest {

    @Inject
    PlanConsumer plans;

    @Inject
    @Readiness
    PlanFeedReadiness readiness;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    KafkaClientService clients;

    @TestHTTPResource("/")
    URI root;

    @Test
    void garbageOnThePlansTopicIsSkippedCountedOnceAndTheNextPlanApplies() {
        long before = plans.undecodable().skipped();
        byte[] good = NodePlan.newBuilder().setCluster("south").setNode("s1").setGeneration(1)
                .setUnderlay(UnderlayPlan.newBuilder().setAsn(65001).setRouterId("10.97.0.1").setVtepIp("127.0.0.97"))
                .build().toByteArray();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            // 0x0a announces field 1 (cluster) as length-delimited with a length far beyond the record.
            producer.send(new ProducerRecord<>(Topics.PLANS, "south/garbage", new byte[] {0x0a, 0x7f, 0x01, 0x02}));
            producer.send(new ProducerRecord<>(Topics.PLANS, "south/s1", good));
            producer.flush();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> plans.routerClusters().clusterOf(java.util.List.of("127.0.0.97")).filter("south"::equals).isPresent());
        assertEquals(before + 1, plans.undecodable().skipped(), "exactly one record skipped");
        double counted = registry.find(UndecodableRecords.METRIC).tag("consumer", "route-service")
                .tag("topic", Topics.PLANS).counters().stream().mapToDouble(c -> c.count()).sum();
        assertTrue(counted >= 1, "the skip is counted with its topic");
        HealthCheckResponse health = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        assertTrue(health.getData().orElseThrow().get("lastSkippedRecord").toString().startsWith(Topics.PLANS + "-"),
                "readiness names the skipped record: " + health.getData());
    }

    @Test
    void thePlansChannelReadsEveryPlanFromTheBeginningInAGroupOfItsOwnCommitsNothingAndIsMetered() throws Exception {
        Map<String, ?> consumer = clients.getConsumer("plans").configuration();
        String group = consumer.get("group.id").toString();
        assertTrue(group.matches("route-service-plans-[0-9a-f-]{36}"), "a group of its own per start: " + group);
        assertEquals("earliest", consumer.get("auto.offset.reset"));
        assertEquals("false", consumer.get("enable.auto.commit"));
        assertEquals(bootstrapServers, consumer.get("bootstrap.servers"), "configured from the kafka.* properties");
        assertTrue(registry.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith("kafka.consumer.")
                && "route-service-plans".equals(m.getId().getTag("client.id"))),
                "the channel's consumer metrics are bound to Micrometer");
        assertTrue(registry.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith("kafka.producer.")
                && "route-service".equals(m.getId().getTag("client.id"))),
                "the route publisher's raw producer is metered by the same binder");
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(root.resolve("q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"plans\""), "readiness includes the plans channel: " + ready.body());
    }
}
