package io.openpe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.lab.FabricLab;
import io.openpe.lab.layout.FabricSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's main job as root with FRR: the launcher, started as its own process, brings up both clusters on the
 * fabric and prints seed 000's successful cross-cluster ping and its external check (vm-1 answered its own address by
 * 192.168.20.2 over VRF red's {@code vni100}); SIGINT (Ctrl-C) then leaves no namespace, link or process of its prefix.
 */
@Tag("root")
class LocalStackFabricIT {

    /** {@code -Dopenpe.local.it-prefix} picks another (two runs on one machine). */
    private static final String PREFIX = System.getProperty("openpe.local.it-prefix", "lsit");
    private static final int KAFKA = 150;
    private static final int BMP = 151;

    @Test
    void seedZeroPingsAcrossClustersAndCtrlCRemovesEverything() throws Exception {
        FabricLab.unavailable().ifPresent(reason -> {
            throw new AssertionError(reason + " (or exclude root tests with -DexcludedGroups=root)");
        });
        Path root = Path.of(System.getProperty("openpe.root", "..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("openpe-local-stack-fabric-");
        int base = freePortBase(ephemeralRangeStart());
        // A process started from a non-interactive shell or CI job inherits SIGINT ignored, and the JVM then never
        // runs its shutdown hooks on SIGINT; perl restores the default so this is the terminal's Ctrl-C.
        Process stack = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dopenpe.root=" + root, "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(),
                "--prefix", PREFIX, "--data", data.toString(), "--port-base", Integer.toString(base),
                "--kafka-port", Integer.toString(base + KAFKA), "--bmp-port", Integer.toString(base + BMP))
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<String> check = new CompletableFuture<>();
        CompletableFuture<String> external = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stack.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith(FabricStack.CHECK_LINE)) {
                        check.complete(line);
                    }
                    if (line.startsWith(FabricStack.EXTERNAL_CHECK_LINE)) {
                        external.complete(line);
                    }
                }
            } catch (Exception e) {
                check.completeExceptionally(e);
                external.completeExceptionally(e);
            } finally {
                check.completeExceptionally(new AssertionError("the stack exited without the check line"));
                external.completeExceptionally(new AssertionError("the stack exited without the external check line"));
            }
        });
        List<ProcessHandle> processes = new ArrayList<>();
        try {
            String line;
            try {
                line = check.get(420, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // The launcher says why it stopped on its own output: show it.
                synchronized (output) {
                    throw new AssertionError(e.getCause().getMessage() + "; the stack printed:\n"
                            + String.join("\n", output), e.getCause());
                }
            }
            assertTrue(line.contains("3/3 replies"), line);
            assertTrue(line.matches(".*vni110 on pe-kind-a-control-plane sent ([3-9]|\\d\\d+) packets.*"), line);
            String toExternal = external.get(120, TimeUnit.SECONDS);
            // agnhost's /clientip form "<ip>:<port>" with vm-1's own address: routed in VRF red, no NAT.
            assertTrue(toExternal.matches(".* answered 192\\.170\\.1\\.3:\\d+ \\(its own address, no NAT\\).*"),
                    toExternal);
            assertTrue(toExternal.contains("3/3 replies"), toExternal);
            assertTrue(toExternal.matches(
                    ".*vni100 in VRF red on pe-kind-a-control-plane sent ([3-9]|\\d\\d+) packets.*"), toExternal);
            processes.addAll(stack.descendants().toList());
            processes.addAll(frrDaemons());
            assertTrue(processes.size() >= 9 + 14, "Kafka, 8 services, 14 FRR daemons: " + processes.size());
        } finally {
            ProcessHandle.of(stack.pid()).ifPresent(p -> run("kill", "-INT", Long.toString(p.pid())));
            boolean exited = stack.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                stack.destroyForcibly();
            }
            reader.join(5000);
            FabricLab.sweep(PREFIX, FabricSpec.DEFAULT_STATE_ROOT);
            if (!exited) {
                // The assertion here replaces any failure of the try block: show what the stack printed.
                synchronized (output) {
                    throw new AssertionError("the stack did not exit within 120 s of SIGINT; it printed:\n"
                            + String.join("\n", output));
                }
            }
        }
        synchronized (output) {
            assertTrue(output.stream().anyMatch(l -> l.startsWith("evpn route type-2 MAC 02:03:04:05:06:07")),
                    "vm-1's type-2 route was printed: " + output);
            assertTrue(output.stream().anyMatch(l -> l.startsWith("stopped:")), String.join("\n", output));
        }
        for (ProcessHandle process : processes) {
            assertFalse(process.isAlive(), "still running after Ctrl-C: " + process.pid() + " "
                    + process.info().commandLine().orElse(""));
        }
        assertEquals(List.of(), FabricLab.leftovers(PREFIX));
    }

    private static List<ProcessHandle> frrDaemons() throws Exception {
        List<ProcessHandle> daemons = new ArrayList<>();
        try (Stream<Path> pidFiles = Files.find(FabricSpec.DEFAULT_STATE_ROOT.resolve(PREFIX), 2,
                (p, a) -> p.toString().endsWith(".pid"))) {
            for (Path file : pidFiles.toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(daemons::add);
            }
        }
        return daemons;
    }

    private static void run(String... argv) {
        try {
            new ProcessBuilder(argv).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first port the kernel hands out for {@code bind(0)} and outgoing connections. A port probed free inside that
     * range can be taken by any connection opened before the stack binds it (the Kafka clients of its own services
     * open dozens at start, which lost one run); below it only an explicit bind can take it.
     */
    private static int ephemeralRangeStart() throws Exception {
        // Line by line: Files.readString of this procfs file returns its first byte only (JDK 25, size 0 reported).
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst()
                .strip().split("\\s+")[0]);
    }

    /**
     * A base below the ephemeral range whose service ports (+1..+12, +101..+104, the same +1000, Kafka and BMP) are
     * free now, between 20000 and that range: clear of the services' default ports (8081..8084, 9081..9084, 5000,
     * 9092) that others use by hand on this machine. The search starts at a slot chosen by the prefix, so two runs
     * with different prefixes probing at once usually start apart.
     */
    private static int freePortBase(int ephemeralStart) throws Exception {
        int slots = (ephemeralStart - 1200 - 20000) / 200;
        if (slots <= 0) {
            throw new IllegalStateException("no port range below the ephemeral range, which starts at "
                    + ephemeralStart);
        }
        int first = Math.floorMod(PREFIX.hashCode(), slots);
        for (int i = 0; i < slots; i++) {
            int base = 20000 + 200 * ((first + i) % slots);
            if (free(base, 1, 12) && free(base + 100, 1, 4) && free(base + 1000, 1, 12) && free(base + 1100, 1, 4)
                    && free(base, KAFKA, BMP)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range below the ephemeral range, which starts at "
                + ephemeralStart);
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
