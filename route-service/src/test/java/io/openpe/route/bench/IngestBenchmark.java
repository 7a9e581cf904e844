package io.openpe.route.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end ingestion over loopback TCP with Kafka publishing on: route-service (the packaged Quarkus application,
 * its own process) next to pmbmpd (Debian pmacct, Kafka JSON output) in the same run, on the same in-process KRaft
 * broker. Each collector gets a stream that starts with the real Initiation and Peer Up of the FRR 8.4.4 lab capture
 * (golden {@code frr-ibgp-evpn-router-b.bin}) and goes on with N IPv4-unicast Route Monitoring messages under the
 * per-peer header of the capture's first Route Monitoring, one distinct /32 each. The time runs from the first byte
 * sent until the collector has produced every route to Kafka: route-service's {@code openpe_publish_records_total}
 * (Kafka acknowledgements, with {@code openpe.publish.unicast-routes=true}), pmbmpd's records on its Kafka topic.
 * Then route-service alone with the EVPN stream ({@link EvpnStream}), until
 * {@code openpe_publish_records_total} counts every route on openpe.evpn-routes.
 *
 * <p>Run by hand (docs/benchmarks/route-service.md), after {@code ./mvnw -pl route-service install}:
 * <pre>
 * java -Xmx2g -cp route-service/target/test-classes:route-service/target/classes:$(cat route-service/target/bench.cp) \
 *     io.openpe.route.bench.IngestBenchmark [ipv4-messages (1,000,000)] [evpn-messages (200,000)] \
 *     [warm-up messages (200,000)]
 * </pre>
 */
public final class IngestBenchmark {

    private static final Path GOLDEN = Path.of("route-service/src/test/resources/io/openpe/route/golden/"
            + "frr-ibgp-evpn-router-b.bin");
    private static final Path APP = Path.of("route-service/target/quarkus-app/quarkus-run.jar");
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final String PMBMPD_TOPIC = "pmbmpd-bench";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        // The EVPN run publishes every route, at Kafka's pace: fewer messages keep it within the time limit.
        int evpnMessages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        List<byte[]> golden = frames(Files.readAllBytes(GOLDEN));
        int warmupMessages = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        byte[] ipv4 = ipv4Stream(golden, n, 0x0a000000);
        byte[] warmup = ipv4Stream(golden, warmupMessages, 0x0b000000);
        System.out.printf("IPv4-unicast stream: %d route monitoring messages, %.1f MiB%n", n, ipv4.length / 1048576.0);
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createOpenpeTopics();
            int bmpPort = freePort();
            int httpPort = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g", "-Dkafka.bootstrap.servers=" + broker.bootstrapServers(),
                    "-Dopenpe.bmp.host=127.0.0.1", "-Dopenpe.bmp.port=" + bmpPort,
                    "-Dquarkus.http.port=" + httpPort, "-Dquarkus.grpc.server.port=" + freePort(),
                    "-Dopenpe.cluster=bench", "-Dopenpe.publish.unicast-routes=true",
                    // The IPv4 session's routes must not be swept (and tombstoned) in the middle of the EVPN run.
                    "-Dopenpe.bmp.resync-grace=PT1H", "-Dquarkus.log.level=WARN"));
            // -Dopenpe.publish.compression=none and the like, given to the benchmark, go to route-service.
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("openpe."))
                    .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
            command.addAll(List.of("-jar", APP.toString()));
            Process routeService = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(Path.of("route-service/target/bench-route-service.log")
                            .toFile()).start();
            int pmbmpdPort = freePort();
            Path pmbmpdConfig = Files.createTempFile("pmbmpd", ".conf");
            String[] hostPort = broker.bootstrapServers().split(":");
            Files.writeString(pmbmpdConfig, String.join("\n",
                    "bmp_daemon_ip: 127.0.0.1",
                    "bmp_daemon_port: " + pmbmpdPort,
                    "bmp_daemon_msglog_output: json",
                    "bmp_daemon_msglog_kafka_broker_host: " + hostPort[0],
                    "bmp_daemon_msglog_kafka_broker_port: " + hostPort[1],
                    "bmp_daemon_msglog_kafka_topic: " + PMBMPD_TOPIC, ""));
            Process pmbmpd = new ProcessBuilder("pmbmpd", "-f", pmbmpdConfig.toString()).redirectErrorStream(true)
                    .redirectOutput(Path.of("route-service/target/bench-pmbmpd.log").toFile()).start();
            try {
                URI metrics = URI.create("http://127.0.0.1:" + httpPort + "/q/metrics");
                waitFor("route-service ready", () -> metric(metrics, "openpe_bmp_sessions_open") >= 0 ? 1 : 0, 1);
                // Both collectors are timed the same way: until their topic's end offset (what Kafka acknowledged and
                // consumers can read) counts a record per route. route-service's openpe.unicast-routes holds only
                // routes (switched on above); pmbmpd's topic also holds its few session records, which makes its
                // clock stop up to those few records early, in its favour. A cheap offset probe, not a metrics
                // scrape or a consumer, so that neither collector nor broker pays for the measuring.
                // Both get the same warm-up stream first (other prefixes, its own session): a collector runs for
                // months, and the JIT compiling route-service's hot paths is not what this measures.
                double ours;
                double theirs;
                try (EndOffsets offsets = new EndOffsets(broker.bootstrapServers())) {
                    waitFor("pmbmpd ready", () -> listening(pmbmpdPort) ? 1 : 0, 1);
                    run("route-service warm-up", routeService, bmpPort, warmup, warmupMessages,
                            () -> offsets.of(Topics.UNICAST_ROUTES));
                    run("pmbmpd warm-up", pmbmpd, pmbmpdPort, warmup, warmupMessages, () -> offsets.of(PMBMPD_TOPIC));
                    long ourBase = offsets.of(Topics.UNICAST_ROUTES);
                    long theirBase = offsets.of(PMBMPD_TOPIC);
                    ours = run("route-service", routeService, bmpPort, ipv4, n,
                            () -> offsets.of(Topics.UNICAST_ROUTES) - ourBase);
                    theirs = run("pmbmpd", pmbmpd, pmbmpdPort, ipv4, n, () -> offsets.of(PMBMPD_TOPIC) - theirBase);
                }
                try (PmbmpdTopic topic = new PmbmpdTopic(broker.bootstrapServers())) {
                    long records = waitFor("pmbmpd route-monitor records", topic::routeMonitoringRecords,
                            warmupMessages + n);
                    System.out.printf("pmbmpd's topic holds %d route-monitor records (checked after the clock)%n",
                            records);
                }
                System.out.printf("IPv4 unicast: route-service %.0f msg/s, pmbmpd %.0f msg/s, ratio %.2f%n", ours,
                        theirs, ours / theirs);

                EvpnStream evpn = new EvpnStream(evpnMessages);
                ByteArrayOutputStream evpnBytes = new ByteArrayOutputStream(n * 150);
                evpnBytes.writeBytes(golden.get(0));       // Initiation
                evpnBytes.writeBytes(golden.get(2));       // Peer Up
                for (ByteBuf frame : evpn.frames) {
                    byte[] b = new byte[frame.readableBytes()];
                    frame.getBytes(frame.readerIndex(), b);
                    evpnBytes.writeBytes(b);
                }
                // The stream's type-5 prefixes repeat after 65,536 (re-advertising a route unchanged publishes
                // nothing), so the expected number of records on openpe.evpn-routes is that of distinct routes.
                long expected = distinctRoutes(evpn);
                double evpnRate;
                try (EndOffsets offsets = new EndOffsets(broker.bootstrapServers())) {
                    // Warm-up: the same stream from another router (127.0.0.2), so the same routes under other keys.
                    run("route-service EVPN warm-up", routeService, "127.0.0.2", bmpPort, evpnBytes.toByteArray(),
                            expected, () -> offsets.of(Topics.EVPN_ROUTES));
                    evpnRate = run("route-service EVPN", routeService, bmpPort, evpnBytes.toByteArray(), expected,
                            () -> offsets.of(Topics.EVPN_ROUTES) - expected);
                }
                System.out.printf("EVPN: route-service %d messages, %d NLRI, %d routes published, %.0f records/s"
                        + " (%.0f msg/s)%n", evpnMessages, evpn.nlri, expected, evpnRate,
                        evpnRate * evpnMessages / expected);
            } finally {
                // pmbmpd 1.7.7 does not always exit on SIGTERM: SIGKILL after a grace time.
                pmbmpd.descendants().forEach(ProcessHandle::destroy);
                pmbmpd.destroy();
                routeService.destroy();
                if (!pmbmpd.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    pmbmpd.descendants().forEach(ProcessHandle::destroyForcibly);
                    pmbmpd.destroyForcibly().waitFor();
                }
                routeService.waitFor();
                Files.deleteIfExists(pmbmpdConfig);
            }
        }
    }

    private static long distinctRoutes(EvpnStream evpn) {
        io.openpe.route.bmp.BmpSessionDecoder decoder = io.openpe.route.bmp.BmpSessionDecoder.standard();
        io.openpe.route.rib.AdjRibIn rib = new io.openpe.route.rib.AdjRibIn();
        for (ByteBuf frame : evpn.frames) {
            if (decoder.decode(frame) instanceof io.openpe.route.bmp.BmpDecodeResult.Decoded d
                    && d.message() instanceof io.openpe.route.bmp.RouteMonitoring rm) {
                rib.apply(rm);
            }
            frame.readerIndex(0);
        }
        return rib.size();
    }

    /**
     * Sends {@code stream} on one connection and returns items/s until {@code done} reaches {@code expected}. Also
     * prints the CPU time the collector and this JVM (the broker, the sender, the progress probe) spent meanwhile:
     * CPU per route depends far less than elapsed time on what else the shared machine runs.
     */
    private static double run(String name, Process collector, int port, byte[] stream, long expected,
            LongSupplier done) throws Exception {
        return run(name, collector, "127.0.0.1", port, stream, expected, done);
    }

    /** The same, from the local address {@code from} (a BMP router is known by its address). */
    private static double run(String name, Process collector, String from, int port, byte[] stream, long expected,
            LongSupplier done) throws Exception {
        long collectorCpu = cpuNanos(collector);
        Map<String, Long> threadsBefore = threadTicks(collector.pid());
        long ownCpu = ownCpuNanos();
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            OutputStream out = socket.getOutputStream();
            for (int offset = 0; offset < stream.length; offset += 1 << 16) {
                out.write(stream, offset, Math.min(1 << 16, stream.length - offset));
            }
            out.flush();
            long last = waitFor(name, done, expected);
            double seconds = (System.nanoTime() - start) / 1e9;
            double collectorSeconds = (cpuNanos(collector) - collectorCpu) / 1e9;
            double ownSeconds = (ownCpuNanos() - ownCpu) / 1e9;
            System.out.printf("%s: %d in %.2f s; CPU: collector %.2f s (%.1f µs per item), broker+sender %.2f s%n",
                    name, last, seconds, collectorSeconds, collectorSeconds * 1e6 / expected, ownSeconds);
            Map<String, Long> threadsAfter = threadTicks(collector.pid());
            threadsAfter.replaceAll((thread, ticks) -> ticks - threadsBefore.getOrDefault(thread, 0L));
            System.out.println("  collector threads (CPU s): " + threadsAfter.entrySet().stream()
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(8).map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 100.0))
                    .collect(java.util.stream.Collectors.joining(", ")));
            return expected / seconds;
        }
    }

    /** CPU time of a process and its descendants (pmbmpd forks a writer), from /proc via ProcessHandle. */
    private static long cpuNanos(Process process) {
        long total = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        for (ProcessHandle child : process.descendants().toList()) {
            total += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    /**
     * utime + stime in clock ticks (100/s) per thread name of a process, from /proc/PID/task/TID/stat; threads of one
     * kind (GC workers, event loops) summed under their name without digits.
     */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(comm, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException e) {
                    // The thread ended between listing and reading.
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long waitFor(String what, LongSupplier progress, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long seen;
        while ((seen = progress.getAsLong()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": only " + seen + " of " + expected + " after " + LIMIT);
            }
            Thread.sleep(20);
        }
        return seen;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The sum of a Prometheus metric's samples, -1 when the endpoint does not answer yet. */
    private static long metric(URI uri, String name) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("^" + name + "(\\{[^}]*\\})? ([0-9.E+]+)$", Pattern.MULTILINE).matcher(body);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(2));
            }
            return (long) sum;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The sum of a topic's partition end offsets: the records Kafka has acknowledged (0 while it does not exist). */
    private static final class EndOffsets implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        EndOffsets(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        long of(String topic) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static boolean listening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Counts pmbmpd's route monitoring records ("bmp_msg_type": "route_monitor") on its topic. */
    private static final class PmbmpdTopic implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private long count;

        PmbmpdTopic(String bootstrap) {
            Properties p = new Properties();
            p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(PMBMPD_TOPIC));
        }

        long routeMonitoringRecords() {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                String json = new String(r.value(), java.nio.charset.StandardCharsets.UTF_8);
                if (json.contains("\"route_monitor\"")) {
                    count++;
                }
            }
            return count;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The capture's frames, in order. */
    static List<byte[]> frames(byte[] capture) {
        List<byte[]> out = new ArrayList<>();
        ByteBuf buf = Unpooled.wrappedBuffer(capture);
        while (buf.readableBytes() >= 6) {
            int length = (int) buf.getUnsignedInt(buf.readerIndex() + 1);
            byte[] frame = new byte[length];
            buf.readBytes(frame);
            out.add(frame);
        }
        return out;
    }

    /**
     * The capture's Initiation and Peer Up, then {@code n} Route Monitoring messages carrying one IPv4-unicast /32
     * each, counting up from {@code firstPrefix} (RFC 4271 UPDATE: ORIGIN IGP, AS_PATH [65001] with 4-byte ASNs,
     * NEXT_HOP, LOCAL_PREF 100, NLRI) under the per-peer header of the capture's first Route Monitoring.
     */
    static byte[] ipv4Stream(List<byte[]> golden, int n, int firstPrefix) {
        byte[] peerHeader = null;
        for (byte[] frame : golden) {
            if (frame[5] == 0) {
                peerHeader = java.util.Arrays.copyOfRange(frame, 6, 6 + 42);
                break;
            }
        }
        if (peerHeader == null || golden.get(0)[5] != 4 || golden.get(2)[5] != 3) {
            throw new IllegalStateException("the capture no longer starts Initiation, Peer Down, Peer Up");
        }
        ByteBuf out = Unpooled.buffer(n * 90 + 4096);
        out.writeBytes(golden.get(0)).writeBytes(golden.get(2));
        byte[] peer = peerHeader;
        for (int i = 0; i < n; i++) {
            int attributes = 4 + 3 + 2 + 4 + 3 + 4 + 3 + 4;     // ORIGIN, AS_PATH (one AS), NEXT_HOP, LOCAL_PREF
            int update = 19 + 2 + 2 + attributes + 5;
            out.writeByte(3).writeInt(6 + 42 + update).writeByte(0).writeBytes(peer);
            out.writeLong(-1L).writeLong(-1L).writeShort(update).writeByte(2).writeShort(0).writeShort(attributes);
            out.writeByte(0x40).writeByte(1).writeByte(1).writeByte(0);
            out.writeByte(0x40).writeByte(2).writeByte(6).writeByte(2).writeByte(1).writeInt(65001);
            out.writeByte(0x40).writeByte(3).writeByte(4).writeInt(0xc0a84d01);           // 192.168.77.1
            out.writeByte(0x40).writeByte(5).writeByte(4).writeInt(100);
            out.writeByte(32).writeInt(firstPrefix + i);
        }
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
