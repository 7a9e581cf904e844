package io.openpe.node.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.openpe.node.L2vniLab;
import io.openpe.node.NodeProgrammerMain;
import io.openpe.node.ProtoPlans;
import io.openpe.testkit.netns.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §5 "read before write" under the worst case: the node-programmer JVM is killed with SIGKILL in the middle of
 * converging a large plan, then started again. Nothing was recorded about the half-done apply, so the restart must
 * find its way from whatever the kernel holds, by reading it.
 */
@Tag("root")
class CrashSafetyIT {

    private static final int COUNT = 300;
    private static final long FIRST_VNI = 2000;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private int starts;

    @Test
    void killedMidApplyThenRestartedConvergesWithNoLeftoversAndNoDuplicates() throws Exception {
        Path planFile = dir.resolve("plan.json");
        Files.writeString(planFile, JsonFormat.printer().print(ProtoPlans.l2vnis("lab", "node-a", 1, FIRST_VNI,
                COUNT)));
        try (NetnsLab lab = NetnsLab.create()) {
            String router = lab.namespace("r");
            String host = lab.namespace("h");
            L2vniLab node = new L2vniLab(lab, router, host, FIRST_VNI, COUNT);
            // A stale object of the naming scheme that the plan does not want: the restart must remove it.
            lab.ip(router, "link", "add", "br-pe-9999", "type", "bridge");

            Process first = start(planFile, router, host);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> node.routerLinksStartingWith("vni") > 0 || !first.isAlive());
            assertTrue(first.isAlive(), "the first apply ended before it could be killed");
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "expected death by SIGKILL");
            int hostBridgesAtKill = node.hostLinksStartingWith("br-hs-");
            assertTrue(hostBridgesAtKill < COUNT, "the kill came after the apply had finished: " + hostBridgesAtKill);

            Process second = start(planFile, router, host);
            assertTrue(second.waitFor(300, TimeUnit.SECONDS), "restarted apply did not finish");
            String output = Files.readString(outputOf(second));
            assertEquals(0, second.exitValue(), output);
            assertEquals(false, new ObjectMapper().readTree(output).get("failed").asBoolean());

            assertEquals(node.expectedRouterLinks(), node.routerLinks());
            assertEquals(node.expectedHostLinks(), node.hostLinks());
            node.assertOneGatewayAddressPerBridge();
            node.assertPortsOnTheirBridges();

            Process third = start(planFile, router, host);
            assertTrue(third.waitFor(300, TimeUnit.SECONDS));
            JsonNode settled = new ObjectMapper().readTree(Files.readString(outputOf(third)));
            assertEquals(0, settled.get("kernelWrites").asInt(), "a converged node needs no write");
        }
    }

    /** Output to files: the result JSON of 300 L2VNIs outgrows a pipe, and an unread pipe blocks the child. */
    private Process start(Path planFile, String router, String host) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                NodeProgrammerMain.class.getName(), "apply", planFile.toString(), "--router-netns", router,
                "--host-netns", host)
                .redirectOutput(dir.resolve("out-" + starts).toFile())
                .redirectError(dir.resolve("err-" + starts).toFile())
                .start();
        children.add(process);
        starts++;
        return process;
    }

    private Path outputOf(Process process) {
        return dir.resolve("out-" + children.indexOf(process));
    }

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }
}
