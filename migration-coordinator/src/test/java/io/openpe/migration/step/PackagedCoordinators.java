package io.openpe.migration.step;

import static io.openpe.migration.step.Scenario.A;
import static io.openpe.migration.step.Scenario.B;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.openpe.migration.kubevirt.MockCluster;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.GetRequest;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationServiceGrpc;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartMigration;
import io.openpe.migration.v1.StartRequest;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fixture of the {@code PackagedCoordinator*IT} tests: the coordinator as shipped ({@code quarkus-run.jar}, built
 * by {@code package}) started as processes against {@link Scenario}'s two mock API servers and a broker of its own (a
 * coordinator reads every migration on its topics, so cases must not share one), with KubeVirt's controllers (the
 * double) taking rounds on a thread. {@link #close()} kills what is left and stops the broker and the API servers.
 */
final class PackagedCoordinators implements AutoCloseable {
  static final Set<Phase> FINAL = Set.of(Phase.PHASE_SUCCEEDED, Phase.PHASE_FAILED, Phase.PHASE_CANCELLED,
      Phase.PHASE_REFUSED);
  /** Fast saga timing for the tests; a case overrides what it needs. */
  private static final Map<String, String> SAGA = Map.of(
      "openpe.migration.saga.retry-backoff", "200ms",
      "openpe.migration.saga.poll-interval", "200ms",
      "openpe.migration.saga.tick", "200ms",
      // No route-service here: the MAC is never seen, so verification ends at this deadline with a warning.
      "openpe.migration.saga.deadline.verify-routes", "2s");

  final KafkaBroker broker = KafkaBroker.start();
  final Scenario world = new Scenario();
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private volatile boolean kubevirtRuns = true;
  private Thread kubevirt;

  PackagedCoordinators() {
    try {
      dir = Files.createTempDirectory("openpe-packaged-coordinator-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    broker.createOpenpeTopics();
  }

  /** One coordinator process, its log and its gRPC port. */
  record Coordinator(Process process, Path log, int grpcPort) {
    String logText() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Alive or its exit code, and the last lines of its log: what a failure message needs to be diagnosable. */
    String describe() {
      String state = process.isAlive() ? "alive" : "exited with code " + process.exitValue();
      List<String> lines = logText().lines().toList();
      return "coordinator (pid " + process.pid() + ", " + log + ") " + state + "; last lines of its log:\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
    }
  }

  /** Lines of a coordinator's log in a failure message. */
  private static final int LOG_TAIL = 80;
  /** Quarkus's line once the gRPC server listens, with the port it actually bound (port 0: the kernel's pick). */
  private static final Pattern GRPC_STARTED = Pattern.compile("Started gRPC server on [^ ]*:(\\d+)");

  /**
   * Runs an await on {@code coordinator}: fails at once when the process has exited, and a timeout carries the
   * process's state and the tail of its log (CI keeps no other trace of the process).
   */
  static <T> T watching(Coordinator coordinator, java.util.function.Supplier<T> await) {
    try {
      return await.get();
    } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
      throw new AssertionError(e.getMessage() + "\n" + coordinator.describe(), e);
    }
  }

  /** A channel to a coordinator's MigrationService; close it. */
  record Api(ManagedChannel channel, MigrationServiceGrpc.MigrationServiceBlockingStub stub, Coordinator coordinator)
      implements AutoCloseable {
    MigrationSnapshot get(String id) {
      return stub.withDeadlineAfter(10, TimeUnit.SECONDS).get(PackagedCoordinators.get(id)).getMigration();
    }

    /** Waits until the migration's snapshot satisfies {@code until}; API errors (not started yet) are retried. */
    MigrationSnapshot await(String id, Duration atMost, Predicate<MigrationSnapshot> until) {
      return watching(coordinator, () -> org.awaitility.Awaitility.await("migration " + id).atMost(atMost)
          .pollInterval(Duration.ofMillis(20)).failFast("the coordinator exited", () -> !coordinator.process().isAlive())
          .ignoreExceptions().until(() -> get(id), until::test));
    }

    MigrationSnapshot awaitEnd(String id) {
      return await(id, Duration.ofSeconds(180), snapshot -> FINAL.contains(snapshot.getPhase()));
    }

    @Override
    public void close() {
      channel.shutdownNow();
    }
  }

  /** KubeVirt's controllers: a round whenever the last one changed something, else a short idle wait. */
  void runKubevirt() {
    runKubevirt(() -> { });
  }

  /** As {@link #runKubevirt()}, with {@code afterRound} called after every round that changed something. */
  void runKubevirt(Runnable afterRound) {
    kubevirt = Thread.ofPlatform().daemon().name("kubevirt-double").start(() -> {
      while (kubevirtRuns) {
        try {
          if (world.kubevirt.advance() == 0) {
            Thread.sleep(50);
          } else {
            afterRound.run();
          }
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // An API server answering badly in one round is retried in the next, as a controller would.
        }
      }
    });
  }

  /**
   * KubeVirt's controllers at a fixed pace: a round every {@code pace} whatever it changed (a controller's reaction
   * time, what a benchmark holds constant), {@code afterRound} told how many changes each round made.
   */
  void paceKubevirt(Duration pace, java.util.function.IntConsumer afterRound) {
    kubevirt = Thread.ofPlatform().daemon().name("kubevirt-double").start(() -> {
      while (kubevirtRuns) {
        try {
          afterRound.accept(world.kubevirt.advance());
          Thread.sleep(pace);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // As above: retried in the next round.
        }
      }
    });
  }

  /** Starts a coordinator as {@code openpe.cluster=cluster} with {@link #SAGA} timing and {@code properties} on top. */
  Coordinator start(String cluster, Map<String, String> properties) {
    Path jar = Path.of(System.getProperty("openpe.packaged-coordinator"));
    assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
    Path kubeconfig = world.mock.kubeconfigPath();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kafka.bootstrap.servers", broker.bootstrapServers());
    config.put("openpe.cluster", cluster);
    // Port 0, on loopback: the coordinator binds what the kernel gives it and says so in its log. A port probed here
    // and bound there seconds later can be taken in between (the probe-then-use race), and the process then dies.
    config.put("quarkus.http.host", "127.0.0.1");
    config.put("quarkus.http.port", "0");
    config.put("quarkus.grpc.server.host", "127.0.0.1");
    config.put("quarkus.grpc.server.port", "0");
    config.put("quarkus.log.console.json.enabled", "false");
    config.put("kafka-streams.state.dir", dir.resolve("streams").toString());
    for (String name : List.of(A, B)) {
      config.put("openpe.migration.clusters." + name + ".kubeconfig", kubeconfig.toString());
      config.put("openpe.migration.clusters." + name + ".context", name);
    }
    config.putAll(SAGA);
    config.putAll(properties);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString()));
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", jar.toString()));
    Path log = dir.resolve("coordinator-" + processes.size() + ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      processes.add(process);
      Coordinator starting = new Coordinator(process, log, 0);
      int grpc = watching(starting, () -> await("gRPC port of " + log.getFileName()).atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(50)).failFast("the coordinator exited", () -> !process.isAlive())
          .until(() -> grpcPortIn(starting.logText()), port -> port > 0));
      return new Coordinator(process, log, grpc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int grpcPortIn(String log) {
    Matcher started = GRPC_STARTED.matcher(log);
    return started.find() ? Integer.parseInt(started.group(1)) : 0;
  }

  static Api api(Coordinator coordinator) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", coordinator.grpcPort()).usePlaintext()
        .build();
    return new Api(channel, MigrationServiceGrpc.newBlockingStub(channel), coordinator);
  }

  /** Starts seed 003's migration of vm-1 from A to B once the coordinator answers. */
  static MigrationSnapshot startMigration(Api api, String id) {
    // The client's deadline is above the server's own wait for the decider (15 s), so a slow answer is not cut off.
    return watching(api.coordinator(), () -> await("start " + id).atMost(Duration.ofSeconds(120))
        .failFast("the coordinator exited", () -> !api.coordinator().process().isAlive()).ignoreExceptions()
        .until(() -> api.stub().withDeadlineAfter(20, TimeUnit.SECONDS).start(request(id)).getMigration(),
            s -> s != null));
  }

  static StartRequest request(String id) {
    return request(id, "vm-1");
  }

  /** A migration of {@code vm} (in {@code default}) from A to B over seed 003's migration network. */
  static StartRequest request(String id, String vm) {
    return StartRequest.newBuilder().setMigration(StartMigration.newBuilder().setMigrationId(id).setVmName(vm)
        .setSource(ClusterRef.newBuilder().setName(A).setNamespace("default"))
        .setTarget(ClusterRef.newBuilder().setName(B).setNamespace("default"))
        .setMigrationNetwork("migration")).build();
  }

  static GetRequest get(String id) {
    return GetRequest.newBuilder().setMigrationId(id).build();
  }

  /** Every committed event of one migration on {@code openpe.migration-events}, in order. */
  List<MigrationEvent> events(String id) {
    return eventsByMigration().getOrDefault(id, List.of());
  }

  /** Every committed event on {@code openpe.migration-events}, by migration id, each list in order. */
  Map<String, List<MigrationEvent>> eventsByMigration() {
    Map<String, List<MigrationEvent>> out = new LinkedHashMap<>();
    try {
      for (ConsumerRecord<String, byte[]> record : records(Topics.MIGRATION_EVENTS, "read_committed")) {
        out.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(MigrationEvent.parseFrom(record.value()));
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    // One key, one partition: already in the decider's order.
    return out;
  }

  /**
   * The ids of the commands on {@code openpe.migration-commands} as a consumer with {@code isolation}
   * ({@code read_committed} or {@code read_uncommitted}) sees them, in order: the two differ by what an open or
   * aborted transaction wrote.
   */
  List<String> commandIds(String isolation) {
    List<String> out = new ArrayList<>();
    try {
      for (ConsumerRecord<String, byte[]> record : records(Topics.MIGRATION_COMMANDS, isolation)) {
        out.add(MigrationCommand.parseFrom(record.value()).getId());
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /**
   * Whether a transaction is open on {@code topic} now: its last stable offset (a read_committed consumer's end) is
   * below its high watermark (a read_uncommitted consumer's end).
   */
  boolean transactionOpenOn(String topic) {
    return !endOffsets(topic, "read_committed").equals(endOffsets(topic, "read_uncommitted"));
  }

  private Map<TopicPartition, Long> endOffsets(String topic, String isolation) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(isolation)) {
      return consumer.endOffsets(partitions(consumer, topic));
    }
  }

  /** Everything on {@code topic} from the beginning to its end now, as a consumer with {@code isolation} reads it. */
  private List<ConsumerRecord<String, byte[]>> records(String topic, String isolation) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(isolation)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  private KafkaConsumer<String, byte[]> consumer(String isolation) {
    Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
    return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  @Override
  public void close() throws InterruptedException {
    kubevirtRuns = false;
    for (Process process : processes) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (kubevirt != null) {
      kubevirt.join(Duration.ofSeconds(30));
    }
    // The JVM's two mock API servers go with the case: a fabric8 MockWebServer keeps every request it answered (the
    // double alone sends hundreds a second), so a server living through all cases piles them up. The next case's
    // Scenario starts fresh ones on the same ports (MockClusters.fresh()).
    world.mock.all().forEach(MockCluster::stop);
    broker.close();
    // The logs survive the case under target/, for a CI run's artifacts.
    Path kept = Path.of("target", "packaged-coordinator-logs", dir.getFileName().toString());
    try (Stream<Path> logs = Files.list(dir)) {
      Files.createDirectories(kept);
      for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Logs not kept are not a test failure.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temp directory is not a test failure.
    }
  }

}
