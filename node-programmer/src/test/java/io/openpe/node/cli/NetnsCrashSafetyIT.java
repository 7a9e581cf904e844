package io.openpe.node.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.openpe.node.NodeProgrammerMain;
import io.openpe.node.ProtoPlans;
import io.openpe.testkit.netns.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CrashSafetyIT} on the netns datapath: {@code apply --vrf-datapath netns} is killed with SIGKILL while it
 * fills 20 VRF namespaces with 200 L2VNIs, with a stale VRF namespace of the node present (a bridge and a veth whose
 * host end is on the host side). The restart must leave exactly the planned namespaces and links, and a third run
 * writes nothing.
 */
@Tag("root")
class NetnsCrashSafetyIT {

    private static final int L3 = 20;
    private static final int L2 = 200;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private String prefix;

    @Test
    void killedMidApplyThenRestartedConvergesWithNoLeftoverNamespace() throws Exception {
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        prefix = "nv" + HexFormat.of().formatHex(random);
        String router = namespace(prefix + "r");
        String host = namespace(prefix + "h");
        String stale = namespace(router + "-vrf-gone");
        ip(stale, "link", "add", "br-pe-9999", "type", "bridge");
        ip(stale, "link", "add", "pe-9998", "type", "veth", "peer", "name", "host-9998", "netns", host);

        Path planFile = dir.resolve("plan.json");
        Files.writeString(planFile, JsonFormat.printer().print(ProtoPlans.vrfs("lab", "node-a", 1, L3, L2)));

        Process first = start(planFile, router, host);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> hostLinks(host).stream().filter(l -> l.startsWith("host-1")).count() > 0
                        || !first.isAlive());
        assertTrue(first.isAlive(), "the first apply ended before it could be killed");
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "expected death by SIGKILL");
        long hostEndsAtKill = hostLinks(host).stream().filter(l -> l.startsWith("host-1")).count();
        assertTrue(hostEndsAtKill < L2, "the kill came after the apply had finished: " + hostEndsAtKill);

        Process second = start(planFile, router, host);
        assertTrue(second.waitFor(300, TimeUnit.SECONDS), "restarted apply did not finish");
        String output = Files.readString(outputOf(second));
        assertEquals(0, second.exitValue(), output);

        Set<String> expectedNamespaces = new TreeSet<>();
        for (int i = 0; i < L3; i++) {
            expectedNamespaces.add(router + "-vrf-v" + i);
        }
        assertEquals(expectedNamespaces, vrfNamespaces(router), "exactly the planned VRF namespaces");
        Set<String> expectedHost = new TreeSet<>();
        for (int j = 0; j < L2; j++) {
            expectedHost.add("host-" + (10000 + j));
            expectedHost.add("br-hs-" + (10000 + j));
        }
        Set<String> ourHostLinks = new TreeSet<>(hostLinks(host).stream()
                .filter(l -> l.startsWith("host-") || l.startsWith("br-hs-")).toList());
        assertEquals(expectedHost, ourHostLinks, "host ends and host bridges, the stale host-9998 gone");
        assertEquals(Set.of("lo"), new TreeSet<>(links(router)), "the router namespace keeps only lo");
        for (int i = 0; i < L3; i++) {
            Set<String> expected = new TreeSet<>(Set.of("lo", "br-pe-" + (5000 + i), "vni" + (5000 + i)));
            for (int j = i; j < L2; j += L3) {
                expected.addAll(Set.of("br-pe-" + (10000 + j), "vni" + (10000 + j), "pe-" + (10000 + j)));
            }
            assertEquals(expected, new TreeSet<>(links(router + "-vrf-v" + i)), "VRF v" + i);
            String gateways = ip(router + "-vrf-v" + i, "-4", "-o", "addr", "show");
            for (int j = i; j < L2; j += L3) {
                String gateway = ProtoPlans.gateway(j);
                assertEquals(1, gateways.lines().filter(l -> l.contains(" " + gateway + " ")).count(), gateways);
            }
        }

        Process third = start(planFile, router, host);
        assertTrue(third.waitFor(300, TimeUnit.SECONDS));
        JsonNode settled = new ObjectMapper().readTree(Files.readString(outputOf(third)));
        assertEquals(0, settled.get("kernelWrites").asInt(), "a converged node needs no write");
    }

    private Process start(Path planFile, String router, String host) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                NodeProgrammerMain.class.getName(), "apply", planFile.toString(), "--router-netns", router,
                "--host-netns", host, "--vrf-datapath", "netns")
                .redirectOutput(dir.resolve("out-" + children.size()).toFile())
                .redirectError(dir.resolve("err-" + children.size()).toFile())
                .start();
        children.add(process);
        return process;
    }

    private Path outputOf(Process process) {
        return dir.resolve("out-" + children.indexOf(process));
    }

    private String namespace(String name) {
        Exec.run(List.of("ip", "netns", "add", name)).orThrow();
        namespaces.add(name);
        return name;
    }

    private static String ip(String namespace, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
        argv.addAll(List.of(args));
        return Exec.run(argv).orThrow().stdout();
    }

    /** Link names, without the {@code @peer} suffix {@code ip -br} adds. */
    private static List<String> links(String namespace) {
        return ip(namespace, "-br", "link").lines().map(l -> l.split("\\s+")[0].split("@")[0]).toList();
    }

    private static List<String> hostLinks(String host) {
        return links(host);
    }

    private static Set<String> vrfNamespaces(String router) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/run/netns"))) {
            return new TreeSet<>(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(router + "-vrf-")).toList());
        }
    }

    @AfterEach
    void cleanUp() throws IOException {
        children.forEach(Process::destroyForcibly);
        children.forEach(p -> p.onExit().join());
        List<String> all = new ArrayList<>(namespaces);
        if (prefix != null) {
            all.addAll(vrfNamespaces(prefix + "r"));
        }
        for (String namespace : all.reversed()) {
            Exec.run(List.of("ip", "netns", "del", namespace));
        }
    }
}
