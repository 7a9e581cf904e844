package io.openpe.testkit.kafka;

import io.openpe.proto.kafka.Topics;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker + controller), running in this JVM.
 *
 * <p>Started from the Kafka jars the Quarkus BOM manages, so broker and clients are the same version. Listens on
 * 127.0.0.1 only. Ready in about two seconds. A fault test stops it ({@link #stop()}) and starts it again on the same
 * port and log directory ({@link #startAgain()}): clients reconnect to the same address and find the same data.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final boolean deleteLogDir;
    private EmbeddedKafkaBroker broker;

    private KafkaBroker(int port, int controllerPort, Path logDir, boolean deleteLogDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.deleteLogDir = deleteLogDir;
    }

    /** Starts a broker on a free loopback port with a throw-away log directory. */
    public static KafkaBroker start() {
        try {
            return start(freePort(), Files.createTempDirectory("openpe-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker on {@code port} with its data in {@code logDir}; an existing directory formatted by an earlier
     * run is reused, so topics survive a restart.
     */
    public static KafkaBroker start(int port, Path logDir, boolean deleteLogDirOnClose) {
        KafkaBroker started = new KafkaBroker(port, freePort(), logDir, deleteLogDirOnClose);
        started.broker = started.run();
        return started;
    }

    private EmbeddedKafkaBroker run() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(ClusterIds.forDirectory(logDir))
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    p.put("log.dirs", logDir.toString());
                    p.put("num.partitions", "1");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "1");
                    // Compaction must actually run on the compacted topics of the local stack.
                    p.put("log.cleaner.enable", "true");
                    p.put("auto.create.topics.enable", "true");
                });
        broker.start();
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}; the same while stopped and after {@link #startAgain()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (a broker outage for its clients), keeping port and log directory; no-op when stopped. */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** Starts the stopped broker again on the same port, controller port and log directory (same data). */
    public synchronized void startAgain() {
        if (broker != null) {
            throw new IllegalStateException("the broker on port " + port + " runs");
        }
        broker = run();
    }

    public synchronized boolean running() {
        return broker != null;
    }

    /** Creates every openpe topic (one partition, cleanup policy per DESIGN §8) that does not exist yet. */
    public void createOpenpeTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), 1, (short) 1)
                            .configs(t.configs()))
                    .toList();
            for (var created : admin.createTopics(missing).values().values()) {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    // Under load the admin client retries a create that had landed: the topic is there, as asked.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create openpe topics", e.getCause());
        }
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        stop();
        if (deleteLogDir) {
            deleteRecursively(logDir);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
