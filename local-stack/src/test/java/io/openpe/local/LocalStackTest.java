package io.openpe.local;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The README's main job: the packaged services and a Kafka child process started by the launcher turn the shipped
 * example intents into plans on the topic; closing the stack leaves no process behind.
 */
class LocalStackTest {

    @Test
    void examplesBecomePlansAndCloseStopsEveryProcess() throws Exception {
        Path root = Path.of(System.getProperty("openpe.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("openpe-local-stack-test-");
        // Ports away from the defaults so a local stack a developer runs does not collide with the test.
        StackOptions options = new StackOptions(root, root.resolve("k8s/examples/local"), data, freePort(),
                freePortBase(), freePort(), "lstest");
        List<ProcessHandle> processes;
        try (LocalStack stack = LocalStack.start(options)) {
            processes = stack.processes();
            assertEquals(5, processes.size(), "Kafka and four services");
            Map<String, NodePlan> plans = readPlans(stack.bootstrapServers(), 2);
            assertEquals("100.65.0.0", plans.get("lstest/node-0").getUnderlay().getVtepIp());
            assertEquals("100.65.0.1", plans.get("lstest/node-1").getUnderlay().getVtepIp());
            assertTrue(PlanPrinter.describe("lstest/node-0", plans.get("lstest/node-0")).contains("110@red br-pe-110"));
        }
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "still running after close: pid " + process.pid());
        }
        try (var paths = Files.walk(data)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Map<String, NodePlan> readPlans(String bootstrap, int expected) {
        Map<String, NodePlan> plans = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ProtobufDeserializer<>(NodePlan.parser()))) {
            TopicPartition partition = new TopicPartition(Topics.PLANS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> plans.put(r.key(), r.value()));
                return plans.size() >= expected && plans.values().stream().allMatch(p -> p.getL2DomainsCount() == 2);
            });
        }
        return plans;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A base whose +1..+4 and +1001..+1004 are free right now. */
    private static int freePortBase() throws Exception {
        for (int base = 28080; base < 60000; base += 10) {
            if (free(base, 1, 4) && free(base + 1000, 1, 4)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean free(int base, int from, int to) {
        for (int p = base + from; p <= base + to; p++) {
            try (ServerSocket socket = new ServerSocket(p)) {
                socket.setReuseAddress(true);
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }
}
