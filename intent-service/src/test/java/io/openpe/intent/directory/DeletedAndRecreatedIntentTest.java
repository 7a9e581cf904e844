package io.openpe.intent.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.RawRecordChannel;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.v1.NodePlan;
import io.openpe.testkit.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fabric benchmark saw an L2VNI deleted and re-created under the same name reach the nodes only about a minute
 * later. intent-service is not where that time went: the re-created intent is accepted and planned in the very sync
 * that reads it (no tombstone hold, no compaction wait), with a plan generation above the deletion's, so no node
 * can take it for a stale read. The likely cause of the minute is node-programmer's failure back-off (1 s doubling to
 * 60 s), which held back every new plan while a retry waited; fixed in {@code PlanLoop} (see its tests).
 */
class DeletedAndRecreatedIntentTest {

    private static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: node-0
              labels: {kubernetes.io/hostname: node-0}
            ---
            apiVersion: openpe.openperouter.github.io/v1alpha1
            kind: Underlay
            metadata: {name: underlay, namespace: openperouter-system}
            spec:
              asn: 64514
              evpn: {vtepcidr: 100.65.0.0/24}
              nics: [toswitch]
              neighbors: [{asn: 64512, address: 192.168.11.2}]
            """;
    private static final String L2 = """
            apiVersion: openpe.openperouter.github.io/v1alpha1
            kind: L2VNI
            metadata: {name: layer2, namespace: openperouter-system}
            spec:
              vni: 110
              hostmaster: {type: bridge, autocreate: true}
            """;

    @Test
    void anIntentReCreatedUnderTheNameOfADeletedOneIsPlannedInTheSameSync(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(); TopicWriter writer = RawRecordChannel.writer(broker.bootstrapServers())) {
            broker.createOpenpeTopics();
            IntentReconciler reconciler = new IntentReconciler("c1", PlanSettings.DEFAULTS, writer);
            DirectorySource source = new DirectorySource(new IntentDirectory(dir), reconciler, true);
            Files.writeString(dir.resolve("nodes.yaml"), NODE);
            Path file = dir.resolve("l2.yaml");

            Files.writeString(file, L2);
            source.sync();
            NodePlan created = reconciler.plan("node-0").orElseThrow();
            assertEquals(1, created.getL2DomainsCount(), created.toString());

            Files.delete(file);
            source.sync();
            NodePlan deleted = reconciler.plan("node-0").orElseThrow();
            assertEquals(0, deleted.getL2DomainsCount(), deleted.toString());
            assertEquals(1, reconciler.intents().size(), "only the Underlay is left");

            Files.writeString(file, L2);
            source.sync();
            NodePlan recreated = reconciler.plan("node-0").orElseThrow();
            assertEquals(1, recreated.getL2DomainsCount(), recreated.toString());
            assertEquals(110, recreated.getL2Domains(0).getVni());
            assertTrue(recreated.getGeneration() > deleted.getGeneration(),
                    recreated.getGeneration() + " after " + deleted.getGeneration());
            assertEquals(2, reconciler.intents().size(), "the Underlay and the re-created L2VNI");
        }
    }
}
