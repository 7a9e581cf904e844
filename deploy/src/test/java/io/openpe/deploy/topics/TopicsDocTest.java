package io.openpe.deploy.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Keeps docs/topics.md true: its table is Topics.ALL, and its Java consumer is PlanWatch and consumes a real record. */
class TopicsDocTest {

    private static final Path DOC = Path.of("../docs/topics.md");
    private static final Path EXAMPLE = Path.of("src/test/java/io/openpe/deploy/topics/PlanWatch.java");
    private static final Pattern ROW = Pattern.compile("^\\| `(openpe\\.[a-z.-]+)` \\| (compact|delete) \\|",
            Pattern.MULTILINE);

    @Test
    void theTableListsEveryTopicWithItsCleanupPolicyAndNoOther() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(DOC));
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        Map<String, String> actual = Topics.ALL.stream()
                .collect(Collectors.toMap(Topics.Topic::name, Topics.Topic::cleanupPolicy, (a, b) -> a,
                        LinkedHashMap::new));
        assertEquals(actual, documented);
    }

    @Test
    void theJavaExampleIsPlanWatchVerbatim() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("```java\n");
        assertTrue(start >= 0, "docs/topics.md has no ```java block");
        String inDoc = doc.substring(start + "```java\n".length(), doc.indexOf("```\n", start + 8));
        String source = Files.readString(EXAMPLE);
        String marked = source.substring(source.indexOf('\n', source.indexOf("// example:start")) + 1,
                source.indexOf("        // example:end"));
        assertEquals(marked, inDoc);
    }

    @Test
    void theJavaExampleConsumesAPlanFromARealBroker() {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createOpenpeTopics();
            NodePlan other = NodePlan.newBuilder().setCluster("other").setNode("node-0").setGeneration(7).build();
            NodePlan wanted = NodePlan.newBuilder().setCluster("single").setNode("node-1").setGeneration(3).build();
            try (var producer = ProtobufProducers.reliable(broker.bootstrapServers(), "topics-doc-test")) {
                producer.send(new ProducerRecord<>(Topics.PLANS, Topics.nodeKey("other", "node-0"), other));
                producer.send(new ProducerRecord<>(Topics.PLANS, Topics.nodeKey("single", "node-0"), null));
                producer.send(new ProducerRecord<>(Topics.PLANS, Topics.nodeKey("single", "node-1"), wanted));
                producer.flush();
            }

            var record = PlanWatch.firstPlan(broker.bootstrapServers(), "single", Duration.ofSeconds(60));

            assertEquals("single/node-1", record.key());
            assertEquals(wanted, record.value());
        }
    }
}
