package io.openpe.intent.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.RawRecordChannel;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.status.ObjectStatus;
import io.openpe.testkit.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a key given twice is an error naming the file, the line and the key; a file that does not parse keeps its
 * objects' last good version, and their status says why until the file is fixed.
 */
class DuplicateKeysAndBrokenFilesTest {

    private static final String L2 = """
            apiVersion: openpe.openperouter.github.io/v1alpha1
            kind: L2VNI
            metadata: {name: layer2, namespace: openperouter-system}
            spec:
              vni: 110
              hostmaster: {type: bridge, autocreate: true}
            """;
    private static final String DUPLICATED = L2.replace("  vni: 110\n", "  vni: 120\n  vni: 130\n");
    private static final ObjectId LAYER2 = new ObjectId(ObjectId.L2VNI, "openperouter-system", "layer2");

    @Test
    void aDuplicatedKeyIsAnErrorNamingFileLineAndKey() {
        Manifests.Parsed parsed = Manifests.parse("l2.yaml", DUPLICATED);
        assertEquals(List.of(), parsed.objects());
        assertEquals(1, parsed.errors().size(), parsed.errors().toString());
        String error = parsed.errors().getFirst();
        assertTrue(error.startsWith("l2.yaml, line 6: not valid YAML: "), error);
        assertTrue(error.contains("'vni'"), error);
        assertEquals(List.of(), Manifests.parse("l2.yaml", L2).errors());
    }

    @Test
    void aFileThatNoLongerParsesKeepsItsLastGoodObjectsAndSaysSoOnTheirStatus(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(); TopicWriter writer = RawRecordChannel.writer(broker.bootstrapServers())) {
            broker.createOpenpeTopics();
            IntentReconciler reconciler = new IntentReconciler("c1", PlanSettings.DEFAULTS, writer);
            AtomicReference<Collection<ObjectStatus>> status = new AtomicReference<>(List.of());
            reconciler.statusSink(status::set);
            DirectorySource source = new DirectorySource(new IntentDirectory(dir), reconciler, false);
            Path file = dir.resolve("l2.yaml");

            Files.writeString(file, L2);
            source.sync();
            ObjectStatus good = statusOf(status, LAYER2);
            assertEquals(1, good.observedGeneration(), good.toString());
            assertNotEquals("InvalidUpdate", good.reason(), good.toString());

            Files.writeString(file, DUPLICATED);
            source.sync();
            ObjectStatus kept = statusOf(status, LAYER2);
            assertEquals("InvalidUpdate", kept.reason(), kept.toString());
            assertTrue(kept.message().contains("file l2.yaml does not parse, its last good version stays in force"),
                    kept.message());
            assertTrue(kept.message().contains("line 6") && kept.message().contains("'vni'"), kept.message());
            assertEquals(good.observedGeneration(), kept.observedGeneration(), "the last good version is in force");
            assertEquals(1, reconciler.intents().size(), "the object was not deleted");

            Files.writeString(file, L2.replace("vni: 110", "vni: 120"));
            source.sync();
            ObjectStatus fixed = statusOf(status, LAYER2);
            assertNotEquals("InvalidUpdate", fixed.reason(), fixed.toString());
            assertEquals(good.observedGeneration() + 1, fixed.observedGeneration());
        }
    }

    private static ObjectStatus statusOf(AtomicReference<Collection<ObjectStatus>> status, ObjectId id) {
        return status.get().stream().filter(s -> s.object().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + id + " in " + status.get()));
    }
}
