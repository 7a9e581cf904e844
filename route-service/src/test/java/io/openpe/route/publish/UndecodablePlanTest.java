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
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
}
