package io.openpe.node.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks compare node-programmer with: the same kernel objects written as an operator would for
 * {@code ip -batch}, one process per namespace ({@code ip -batch} lines cannot switch namespace). Shared by
 * {@link ConvergenceBench} and {@link NetnsConvergenceBench}, with the figures' arithmetic.
 */
final class IpBaseline {

    private IpBaseline() {
    }

    /**
     * One {@code ip [-n namespace] -batch -} over {@code lines}; fails on the first failed line. Not through Exec:
     * deleting 3,000 links in one batch can take longer than its 120 s bound on a loaded machine.
     */
    static void batch(Optional<String> namespace, List<String> lines) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        namespace.ifPresent(n -> argv.addAll(List.of("-n", n)));
        argv.addAll(List.of("-batch", "-"));
        try {
            Process ip = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = ip.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!ip.waitFor(15, TimeUnit.MINUTES) || ip.exitValue() != 0) {
                ip.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void batch(String namespace, List<String> lines) {
        batch(Optional.of(namespace), lines);
    }

    /** DESIGN §4: 00:f3 followed by vni+1 as four big-endian bytes. */
    static String mac(long vni) {
        long v = vni + 1;
        return String.format("00:f3:%02x:%02x:%02x:%02x", v >> 24 & 0xff, v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff);
    }

    /** The L2VNI's bridge port: up, enslaved, ARP/ND suppression on and learning off, as node-programmer sets it. */
    static List<String> port(long vni) {
        return List.of("link set dev vni" + vni + " up", "link set dev vni" + vni + " master br-pe-" + vni,
                "link set dev vni" + vni + " type bridge_slave neigh_suppress on learning off");
    }

    static String summary(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        return String.format("first %.1f ms, median %.1f ms, best %.1f ms", runs.getFirst(),
                sorted.get(sorted.size() / 2), sorted.getFirst());
    }

    static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
