package io.openpe.local;

import io.openpe.lab.FabricLab;
import io.openpe.lab.LabNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Where a move's time goes ({@code fabric-benchmark --trace}): passive observers along the path, each line stamped
 * with the wall clock in microseconds — every node's bridge FDB ({@code bridge monitor fdb} in VRF red's namespace,
 * where the netns datapath puts L2VNI 110's bridge and VXLAN:
 * the new node's kernel learning the MAC from the gratuitous ARP, the other nodes' zebra installing the remote entry
 * from the type-2 route), the BGP UPDATEs on every node's {@code toswitch} ({@code tcpdump}, messages longer than a
 * keepalive) and the BMP messages reaching route-service. Observers only read: they change no timing but the CPU
 * they take.
 */
final class MoveTrace implements AutoCloseable {

    /** The stages of one move, in path order. */
    static final List<String> STAGES = List.of("replugged", "garp sent", "fdb learned", "bgp update out",
            "near update in", "near fdb", "far fdb", "bmp in", "kafka");

    /** The VRF of the moved workload's L2VNI 110 in the shipped intents. */
    private static final String L2VNI_VRF = "red";

    private record Line(long micros, String text) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Line>> streams = new LinkedHashMap<>();
    private final Map<String, List<Long>> stageMillis = new LinkedHashMap<>();
    private final String mac;

    MoveTrace(FabricLab lab, String mac, int bmpPort) {
        this.mac = mac.toLowerCase(Locale.ROOT);
        for (LabNode node : lab.nodes()) {
            observe("fdb " + node.name(), List.of("ip", "netns", "exec", node.vrfNetns(L2VNI_VRF), "bridge",
                    "monitor", "fdb"), false);
            observe("bgp " + node.name(), List.of("ip", "netns", "exec", node.routerNetns(), "tcpdump", "-l", "-n",
                    "-tt", "-i", node.underlayNic(), "tcp port 179 and (ip[2:2] - ((ip[0]&0xf)<<2)"
                            + " - ((tcp[12]&0xf0)>>2)) > 19"), true);
        }
        observe("bmp", List.of("tcpdump", "-l", "-n", "-tt", "-i", "any", "tcp dst port " + bmpPort
                + " and (ip[2:2] - ((ip[0]&0xf)<<2) - ((tcp[12]&0xf0)>>2)) > 0"), true);
        STAGES.forEach(stage -> stageMillis.put(stage, new ArrayList<>()));
    }

    /** {@code tcpdump} stamps its lines itself (kernel receive time); others are stamped when read. */
    private void observe(String name, List<String> argv, boolean stamped) {
        ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
        streams.put(name, lines);
        try {
            Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            processes.add(process);
            Thread.ofPlatform().daemon().name("trace " + name).start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String text; (text = in.readLine()) != null;) {
                        if (stamped && !text.matches("^\\d+\\.\\d+ .*")) {
                            continue; // a decoded continuation line, no packet of its own
                        }
                        long micros = stamped ? tcpdumpMicros(text) : nowMicros();
                        lines.add(new Line(micros, text));
                    }
                } catch (IOException e) {
                    // the observer was stopped
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + argv, e);
        }
    }

    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static long tcpdumpMicros(String line) {
        String stamp = line.substring(0, line.indexOf(' '));
        int dot = stamp.indexOf('.');
        return Long.parseLong(stamp.substring(0, dot)) * 1_000_000 + Long.parseLong(stamp.substring(dot + 1));
    }

    private Optional<Long> first(String stream, long after, Predicate<String> match) {
        return streams.get(stream).stream().filter(l -> l.micros() >= after && match.test(l.text()))
                .map(Line::micros).min(Long::compare);
    }

    /**
     * One move's stages, as offsets from its start, printed on one line and kept for {@link #summary}.
     *
     * @param near the new node's sibling behind the same leaf
     * @param far a node of the other cluster (the route crossed the spine)
     */
    void record(int move, long startMicros, long repluggedMicros, long announcedMicros, LabNode target,
            LabNode near, LabNode far, long kafkaMicros) {
        Map<String, Optional<Long>> at = new LinkedHashMap<>();
        at.put("replugged", Optional.of(repluggedMicros));
        at.put("garp sent", Optional.of(announcedMicros));
        Optional<Long> learned = first("fdb " + target.name(), startMicros, l -> l.contains(mac)
                && !l.startsWith("Deleted") && !l.contains(" dst "));
        at.put("fdb learned", learned);
        String sentBy = " IP " + target.underlayAddress() + ".";
        Optional<Long> out = first("bgp " + target.name(), learned.orElse(startMicros), l -> l.contains(sentBy));
        at.put("bgp update out", out);
        at.put("near update in", first("bgp " + near.name(), out.orElse(startMicros),
                l -> l.contains(" > " + near.underlayAddress() + ".")));
        Predicate<String> remote = l -> l.contains(mac) && !l.startsWith("Deleted")
                && l.contains(" dst " + target.vtepIp() + " ");
        at.put("near fdb", first("fdb " + near.name(), startMicros, remote));
        at.put("far fdb", first("fdb " + far.name(), startMicros, remote));
        at.put("bmp in", first("bmp", out.orElse(startMicros), l -> true));
        at.put("kafka", Optional.of(kafkaMicros));
        StringBuilder text = new StringBuilder("    trace move ").append(move).append(':');
        at.forEach((stage, micros) -> {
            text.append(' ').append(stage).append(' ');
            if (micros.isPresent()) {
                long millis = (micros.get() - startMicros) / 1000;
                stageMillis.get(stage).add(millis);
                text.append(millis);
            } else {
                text.append('-');
            }
        });
        System.out.println(text);
    }

    /** p50 and p99 of every stage, from the move's start. */
    String summary() {
        StringBuilder text = new StringBuilder("move trace, ms from the start of the re-plug (p50/p99):");
        stageMillis.forEach((stage, millis) -> {
            if (!millis.isEmpty()) {
                text.append("\n  ").append(String.format("%-15s %5d / %5d  (%d moves)", stage,
                        FabricBenchmark.percentile(millis, 50), FabricBenchmark.percentile(millis, 99),
                        millis.size()));
            }
        });
        return text.toString();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
    }
}
