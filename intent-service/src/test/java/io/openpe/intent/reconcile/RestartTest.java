package io.openpe.intent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.directory.IntentDirectory;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.CompactedTopics;
import io.openpe.intent.publish.RawRecordChannel;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.v1.Intent;
import io.openpe.intent.v1.NodeFacts;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.Source;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restarted intent-service rebuilds its state from the compacted topics and republishes nothing that did not
 * change; the next real change continues the generation sequence. Real broker, reconciler without Quarkus.
 */
class RestartTest {

    static KafkaBroker broker;
    static Path seeds;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
        broker.createOpenpeTopics();
        seeds = Files.createTempDirectory("openpe-restart-");
        for (String file : List.of("underlay.yaml", "l3vni-red.yaml", "l2vni-layer2.yaml", "l2vni-migration.yaml")) {
            try (var in = RestartTest.class.getResourceAsStream(file)) {
                Files.write(seeds.resolve(file), in.readAllBytes());
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
        TempDirectories.delete(seeds);
    }

    @Test
    void restartRepublishesNothingUnchangedAndContinuesGenerations() throws Exception {
        Map<String, Map<String, String>> nodes = Map.of("n0", Map.of("zone", "a"), "n1", Map.of("zone", "b"));
        PlanSettings settings = new PlanSettings(Optional.empty(), 1500, 4789);

        try (TopicWriter writer = RawRecordChannel.writer(broker.bootstrapServers())) {
            IntentReconciler first = new IntentReconciler("c1", settings, writer);
            first.replaceSource(Source.SOURCE_DIRECTORY, seedObjects(), Optional.of(nodes));
        }
        Map<String, Long> before = endOffsets();
        assertTrue(before.get(Topics.PLANS) >= 2, "first run published the plans: " + before);

        try (TopicWriter writer = RawRecordChannel.writer(broker.bootstrapServers())) {
            IntentReconciler restarted = new IntentReconciler("c1", settings, writer);
            restarted.restore(
                    CompactedTopics.readAll(broker.bootstrapServers(), Topics.INTENTS, Intent.parser(), "c1/").values(),
                    CompactedTopics.readAll(broker.bootstrapServers(), Topics.NODES, NodeFacts.parser(), "c1/").values(),
                    CompactedTopics.readAll(broker.bootstrapServers(), Topics.PLANS, NodePlan.parser(), "c1/").values());
            restarted.replaceSource(Source.SOURCE_DIRECTORY, seedObjects(), Optional.of(nodes));
            assertEquals(before, endOffsets(), "nothing republished after a restart with the same intents and nodes");
            assertEquals(2, restarted.plans().size(), "restored plans are served (gRPC ListPlans) without republishing");

            Files.writeString(seeds.resolve("l2vni-layer2.yaml"),
                    Files.readString(seeds.resolve("l2vni-layer2.yaml")).replace("192.170.1.1/24", "192.170.1.1/24\n  vxlanport: 4790"));
            restarted.replaceSource(Source.SOURCE_DIRECTORY, seedObjects(), Optional.empty());
        }
        Map<String, Long> after = endOffsets();
        assertEquals(before.get(Topics.PLANS) + 2, after.get(Topics.PLANS), "one new plan per node");
        assertEquals(before.get(Topics.INTENTS) + 1, after.get(Topics.INTENTS), "one new intent record");
        var plans = CompactedTopics.readAll(broker.bootstrapServers(), Topics.PLANS, NodePlan.parser(), "c1/");
        assertEquals(2, plans.get("c1/n0").getGeneration());
        assertEquals(4790, plans.get("c1/n0").getL2DomainsList().stream().filter(d -> d.getVni() == 110)
                .findFirst().orElseThrow().getVxlan().getDstPort());
    }

    private static List<HasMetadata> seedObjects() {
        return new IntentDirectory(seeds).scan().intents();
    }

    private static Map<String, Long> endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            var specs = Map.of(
                    new TopicPartition(Topics.PLANS, 0), OffsetSpec.latest(),
                    new TopicPartition(Topics.INTENTS, 0), OffsetSpec.latest(),
                    new TopicPartition(Topics.NODES, 0), OffsetSpec.latest());
            var result = admin.listOffsets(specs).all().get();
            return Map.of(Topics.PLANS, result.get(new TopicPartition(Topics.PLANS, 0)).offset(),
                    Topics.INTENTS, result.get(new TopicPartition(Topics.INTENTS, 0)).offset(),
                    Topics.NODES, result.get(new TopicPartition(Topics.NODES, 0)).offset());
        }
    }
}
