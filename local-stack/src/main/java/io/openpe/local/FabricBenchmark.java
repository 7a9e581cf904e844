package io.openpe.local;

import io.openpe.lab.FabricLab;
import io.openpe.lab.LabNode;
import io.openpe.lab.PingResult;
import io.openpe.lab.PingRun;
import io.openpe.lab.Workload;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.v1.EvpnRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code bin/fabric-benchmark}: the local stack on the fabric, then three figures from one run (docs/benchmarks/
 * fabric.md): the fabric's bring-up time; intent written → every node's kernel and FRR converged, over 20 changes
 * (an L2VNI added to and removed from both clusters' intents); workload moved → type-2 route from the new VTEP with a
 * higher mobility sequence on {@code openpe.evpn-routes}, over 50 moves of vm-1 between a node of each cluster, with
 * the ping loss a peer sees meanwhile.
 */
public final class FabricBenchmark {

    private static final int CHANGES = 20;
    private static final int MOVES = 50;
    static final String USAGE = """
            usage: fabric-benchmark [--prefix P] [--changes N] [--moves N] [--trace]
              --prefix P    fabric namespaces and links start with P- (default bm)
              --changes N   intent changes to time (default 20; 0 skips the figure)
              --moves N     workload moves to time (default 50; 0 skips the figure)
              --trace       per move, where the time went: kernel FDB learn, BGP UPDATEs on the wire, BMP, Kafka
            Root with FRR; ports 48081.., Kafka 49092, BMP 45000. Prints bring-up, convergence and move figures,
            each with the load average it was taken at.
            """;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final double PING_INTERVAL = 0.02;
    private static final String POLL_MS = "100";
    private static final Duration POLL = Duration.ofMillis(2);

    private FabricBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        String prefix = "bm";
        int changes = CHANGES;
        int moves = MOVES;
        boolean trace = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--trace" -> trace = true;
                case "--prefix", "--changes", "--moves" -> {
                    if (i + 1 >= args.length) {
                        System.err.print("missing value for " + args[i] + "\n" + USAGE);
                        System.exit(2);
                    }
                    String value = args[++i];
                    switch (args[i - 1]) {
                        case "--prefix" -> prefix = value;
                        case "--changes" -> changes = Integer.parseInt(value);
                        default -> moves = Integer.parseInt(value);
                    }
                }
                default -> {
                    System.err.print("unknown option " + args[i] + "\n" + USAGE);
                    System.exit(2);
                }
            }
        }
        FabricLab.unavailable().ifPresent(reason -> {
            System.err.println("fabric-benchmark needs the fabric: " + reason);
            System.exit(1);
        });
        Path root = Path.of(System.getProperty("openpe.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("openpe-fabric-benchmark-");
        Path intents = work.resolve("intents");
        for (String cluster : List.of("pe-kind-a", "pe-kind-b")) {
            copyIntents(root.resolve("k8s/examples").resolve(cluster), intents.resolve(cluster));
        }
        StackOptions options = new StackOptions(root, intents, work.resolve("data"), 49092, 48080, 45000, prefix);
        FabricStack stack = new FabricStack(options, prefix, intents, Map.of("openpe.intents.poll-interval-ms",
                POLL_MS));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        try {
            stack.start();
            System.out.println("  (load average " + loadAverage() + ")");
            if (changes > 0) {
                convergence(stack.lab(), intents, changes);
            }
            if (moves > 0) {
                moves(stack, moves, trace);
            }
        } finally {
            stack.close();
        }
    }

    /** Adds L2VNI 2xx to both clusters, waits for every node; removes it, waits again. */
    private static void convergence(FabricLab lab, Path intents, int changes) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            int vni = 200 + i / 2;
            boolean add = i % 2 == 0;
            long start = System.nanoTime();
            for (String cluster : List.of("pe-kind-a", "pe-kind-b")) {
                // A new name per VNI: intent-service takes about a minute to accept an intent re-created under the
                // name of one it just deleted, which would measure that instead of the fleet's convergence.
                Path file = intents.resolve(cluster).resolve("bench-" + vni + ".yaml");
                if (add) {
                    Files.writeString(file, """
                            apiVersion: openpe.openperouter.github.io/v1alpha1
                            kind: L2VNI
                            metadata:
                              name: bench-%d
                              namespace: openperouter-system
                            spec:
                              vni: %d
                              hostmaster:
                                autocreate: true
                                type: bridge
                            """.formatted(vni, vni));
                } else {
                    Files.delete(file);
                }
            }
            awaitTrue("L2VNI " + vni + (add ? " on" : " off") + " every node", () -> lab.nodes().stream()
                    .allMatch(node -> converged(node, vni) == add), () -> lab.nodes().stream()
                    .map(node -> node + ": kernel " + node.routerIp("link", "show", "dev", "vni" + vni).ok()
                            + ", FRR " + node.vtysh("show evpn vni " + vni).stdout().strip())
                    .toList().toString());
            millis.add((System.nanoTime() - start) / 1_000_000);
            System.out.printf("  change %d (L2VNI %d %s): %d ms%n", i + 1, vni, add ? "added" : "removed",
                    millis.getLast());
        }
        System.out.printf("intent written -> every node's kernel and FRR converged (%d changes, 4 nodes, intent"
                + " poll %s ms): p50 %d ms, p99 %d ms, max %d ms (load average %s)%n", changes, POLL_MS,
                percentile(millis, 50), percentile(millis, 99), millis.stream().max(Long::compare).orElseThrow(),
                loadAverage());
    }

    /** Kernel: the VXLAN device exists; FRR: zebra knows the VNI. */
    private static boolean converged(LabNode node, int vni) {
        boolean kernel = node.routerIp("link", "show", "dev", "vni" + vni).ok();
        String frr = node.vtysh("show evpn vni " + vni).stdout();
        return kernel && frr.contains("VNI: " + vni);
    }

    private static void moves(FabricStack stack, int moves, boolean traced) throws Exception {
        FabricLab lab = stack.lab();
        Workload vm1 = lab.workload("vm-1").orElseThrow();
        Workload vm2 = lab.workload("vm-2").orElseThrow();
        List<LabNode> homes = List.of(lab.cluster("pe-kind-a").node(0), lab.cluster("pe-kind-b").node(1));
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        KafkaConsumer<String, byte[]> consumer = routes(stack.bootstrapServers());
        Thread reader = Thread.ofPlatform().daemon().start(() -> read(consumer, vm1.mac(), seen));
        awaitTrue("vm-1's first type-2 route", () -> !seen.isEmpty());
        List<Long> millis = new ArrayList<>();
        MoveTrace trace = traced ? new MoveTrace(lab, vm1.mac(), stack.bmpPort()) : null;
        PingRun ping = vm2.pingContinuously(vm1.ip(), PING_INTERVAL);
        for (int i = 0; i < moves; i++) {
            LabNode target = homes.get((i + 1) % 2);
            long highest = seen.stream().mapToLong(Seen::sequence).max().orElse(0);
            long start = System.nanoTime();
            long startMicros = MoveTrace.nowMicros();
            vm1.replug(target, STEP_TIMEOUT);
            long repluggedMicros = MoveTrace.nowMicros();
            vm1.announce();
            long announcedMicros = MoveTrace.nowMicros();
            awaitTrue("type-2 route of vm-1 from " + target.vtepIp(), () -> seen.stream().anyMatch(
                    s -> s.vtep().equals(target.vtepIp()) && s.sequence() > highest && s.atNanos() >= start));
            Seen arrived = seen.stream().filter(s -> s.vtep().equals(target.vtepIp()) && s.sequence() > highest)
                    .min(Comparator.comparingLong(Seen::atNanos)).orElseThrow();
            millis.add((arrived.atNanos() - start) / 1_000_000);
            System.out.printf("  move %d to %s: %d ms%n", i + 1, target, millis.getLast());
            if (trace != null) {
                // near: the new node's sibling behind the same leaf; far: the other cluster's node 0, behind the
                // spine. vm-2's node (pe-kind-b node 0, the ping's end of the outage) is one of the two.
                boolean inA = target.cluster().equals("pe-kind-a");
                LabNode near = lab.cluster(target.cluster()).node(inA ? 1 : 0);
                LabNode far = lab.cluster(inA ? "pe-kind-b" : "pe-kind-a").node(0);
                trace.record(i + 1, startMicros, repluggedMicros, announcedMicros, target, near, far,
                        arrived.atMicros());
            }
        }
        if (trace != null) {
            trace.close();
            System.out.println(trace.summary());
            // zebra's duplicate address detection (max 5 moves in 180 s by default) must not have frozen the MAC.
            for (LabNode node : lab.nodes()) {
                System.out.println("  " + node + " duplicate MACs: " + node.vtysh("show evpn mac vni 110 duplicate")
                        .stdout().strip().replace('\n', ' '));
            }
        }
        awaitTrue("vm-2 reaching vm-1 after the last move", () -> vm2.reaches(vm1.ip()));
        PingResult loss = ping.stop();
        consumer.wakeup();
        reader.join(5000);
        System.out.printf("workload moved -> type-2 route from the new VTEP with a higher mobility sequence on"
                + " openpe.evpn-routes (%d moves pe-kind-a <-> pe-kind-b): p50 %d ms, p99 %d ms, max %d ms (load"
                + " average %s)%n", moves, percentile(millis, 50), percentile(millis, 99), millis.stream()
                        .max(Long::compare).orElseThrow(), loadAverage());
        System.out.printf("ping vm-2 -> vm-1 every %.0f ms during the moves: %d of %d lost (%.1f%%), about %.0f ms"
                + " of outage per move%n", PING_INTERVAL * 1000, loss.lost(), loss.transmitted(), loss.loss() * 100,
                loss.lost() * PING_INTERVAL * 1000 / moves);
    }

    private record Seen(String vtep, long sequence, long atNanos, long atMicros) {
    }

    private static KafkaConsumer<String, byte[]> routes(String bootstrap) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "fabric-benchmark"), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVPN_ROUTES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Records, as they arrive, every announced type-2 route of the MAC: its VTEP and mobility sequence. */
    private static void read(KafkaConsumer<String, byte[]> consumer, String mac, ConcurrentLinkedQueue<Seen> seen) {
        ProtobufDeserializer<EvpnRoute> routes = new ProtobufDeserializer<>(EvpnRoute.parser());
        try (consumer) {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.value() == null) {
                        return;
                    }
                    EvpnRoute route = routes.deserialize(Topics.EVPN_ROUTES, record.value());
                    if (route.getRouteType() == 2 && route.getMac().equals(mac)) {
                        seen.add(new Seen(route.getNextHop(), Integer.toUnsignedLong(route.getMacMobilitySequence()),
                                System.nanoTime(), MoveTrace.nowMicros()));
                    }
                });
            }
        } catch (WakeupException stopping) {
            // done
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, condition, () -> "");
    }

    private static void awaitTrue(String what, BooleanSupplier condition,
            java.util.function.Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not reached within " + STEP_TIMEOUT + " " + diagnosis.get());
            }
            // A short park, not a spin: the machine's two cores run the whole stack being measured.
            java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** The 1-minute load average, the machine's business while the figure was taken. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /**
     * The cluster's intents as the main job runs them, VRFs included (the stack's fabric has netns VRFs), copied so that
     * the convergence figure can add and remove its own L2VNIs beside them.
     */
    private static void copyIntents(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
