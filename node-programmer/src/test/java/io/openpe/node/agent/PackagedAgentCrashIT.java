package io.openpe.node.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.L2vniLab;
import io.openpe.node.PlanTopics;
import io.openpe.node.ProtoPlans;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.netns.NetnsLab;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the agent as it is shipped: the packaged Quarkus application ({@code quarkus-run.jar}, built by
 * {@code package}, so this test runs in the integration-test phase) consumes its plan from a real broker, is killed with
 * SIGKILL in the middle of converging it, and is started again. The restarted agent must re-read the plan from Kafka,
 * find the half-done state by reading the kernel, and converge with no leftovers and no duplicates, then report the
 * applied generation on openpe.node-status.
 */
@Tag("root")
class PackagedAgentCrashIT {

    private static final String CLUSTER = "lab";
    private static final String NODE = "node-crash";
    private static final int COUNT = 300;
    private static final long FIRST_VNI = 2000;

    @TempDir
    Path dir;

    private final List<Process> agents = new ArrayList<>();

    @Test
    void agentKilledMidApplyConvergesOnRestartFromThePlanOnKafka() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(); NetnsLab lab = NetnsLab.create()) {
            broker.createOpenpeTopics();
            String bootstrap = broker.bootstrapServers();
            String router = lab.namespace("r");
            String host = lab.namespace("h");
            L2vniLab node = new L2vniLab(lab, router, host, FIRST_VNI, COUNT);
            // A stale object of the naming scheme that the plan does not want: the restart must remove it.
            lab.ip(router, "link", "add", "br-pe-9999", "type", "bridge");
            PlanTopics.publish(bootstrap, ProtoPlans.l2vnis(CLUSTER, NODE, 1, FIRST_VNI, COUNT));

            Process first = startAgent(bootstrap, router, host);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20))
                    .until(() -> node.routerLinksStartingWith("vni") > 0 || !first.isAlive());
            assertTrue(first.isAlive(), "the agent ended before it could be killed: " + log(0));
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "expected death by SIGKILL");
            int hostBridgesAtKill = node.hostLinksStartingWith("br-hs-");
            assertTrue(hostBridgesAtKill < COUNT, "the kill came after the apply had finished: " + hostBridgesAtKill);
            assertTrue(PlanTopics.statuses(bootstrap, key()).isEmpty(), "the killed agent reported an apply");

            startAgent(bootstrap, router, host);
            NodeStatus status = await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .until(() -> PlanTopics.statuses(bootstrap, key()).stream()
                            .filter(s -> s.getAppliedGeneration() == 1).findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertTrue(status.getResultsList().stream().allMatch(r -> r.getState() == ObjectResult.State.STATE_APPLIED),
                    status.toString());
            assertTrue(status.getKernelWrites() > 0, "the restart had the rest of the plan to write");

            assertEquals(node.expectedRouterLinks(), node.routerLinks());
            assertEquals(node.expectedHostLinks(), node.hostLinks());
            node.assertOneGatewayAddressPerBridge();
            node.assertPortsOnTheirBridges();

            // The same content under the next generation: the converged node needs no write.
            PlanTopics.publish(bootstrap, ProtoPlans.l2vnis(CLUSTER, NODE, 2, FIRST_VNI, COUNT));
            NodeStatus again = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> PlanTopics.statuses(bootstrap, key()).stream()
                            .filter(s -> s.getAppliedGeneration() == 2).findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertEquals(0, again.getKernelWrites(), again.toString());
        }
    }

    private static String key() {
        return CLUSTER + "/" + NODE;
    }

    private Process startAgent(String bootstrap, String router, String host) throws IOException {
        Path jar = Path.of(System.getProperty("openpe.packaged-agent",
                "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int index = agents.size();
        Process agent = new ProcessBuilder(java.toString(),
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dopenpe.cluster=" + CLUSTER,
                "-Dopenpe.node.name=" + NODE,
                "-Dopenpe.node.router-netns=" + router,
                "-Dopenpe.node.host-netns=" + host,
                "-Dquarkus.http.port=" + freePort(),
                "-Dquarkus.grpc.server.port=" + freePort(),
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + index + ".log").toFile()).start();
        agents.add(agent);
        return agent;
    }

    private String log(int index) throws IOException {
        return Files.readString(dir.resolve("agent-" + index + ".log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @AfterEach
    void stopAgents() throws InterruptedException {
        for (Process agent : agents) {
            agent.destroyForcibly();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
