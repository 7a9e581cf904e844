package io.openpe.migration.dispatch;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.openpe.migration.config.MigrationCoordinatorConfig;
import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.store.InputCodec;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The Kafka edge of the dispatcher: reads {@code openpe.migration-commands} (committed only), runs each polled
 * command on its own virtual thread, publishes every result to {@code openpe.migration-inputs} and commits the
 * offsets only after the results are acknowledged. A crash in between redelivers the commands; the executors read
 * before they act and the decider takes one result per command id, so the repeat is harmless.
 *
 * <p>A command that does not decode is skipped and counted by the shared policy ({@link UndecodableRecords}); the
 * consumer is built from the Quarkus Kafka configuration ({@link KafkaClients}). Any other failure (the broker gone
 * while committing) closes the clients and reads again from the last commit, so the loop outlives a broker restart.
 */
@ApplicationScoped
public class CommandLoop {
  private static final Logger LOG = Logger.getLogger(CommandLoop.class);

  @Inject
  StepRunner runner;

  @Inject
  MeterRegistry metrics;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  @Inject
  MigrationCoordinatorConfig.Cluster cluster;

  @Inject
  DispatcherConfig dispatcher;

  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile UndecodableRecords undecodable;
  private Thread thread;

  void start(@Observes StartupEvent startup) {
    if (!dispatcher.enabled()) {
      LOG.info("migration dispatcher disabled (openpe.migration.dispatcher.enabled=false)");
      return;
    }
    undecodable = new UndecodableRecords("migration-dispatcher", metrics);
    running = true;
    thread = Thread.ofPlatform().name("migration-dispatcher").daemon().start(this::loop);
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      thread.join(Duration.ofSeconds(10));
    }
  }

  private void loop() {
    Map<String, Object> config = KafkaClients.consumer(kafka, Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "openpe-migration-dispatcher-" + cluster.name(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10000,
        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2000));
    while (running) {
      try {
        consume(config);
      } catch (WakeupException e) {
        if (running) {
          LOG.warnf("migration dispatcher woken while running; reading again");
        }
      } catch (Exception e) {
        if (running) {
          LOG.warnf("migration dispatcher: %s; reading again from the last commit", e.toString());
          pause();
        }
      }
    }
  }

  private void consume(Map<String, Object> config) throws Exception {
    try (KafkaConsumer<String, byte[]> commands = new KafkaConsumer<>(config, new StringDeserializer(),
            new ByteArrayDeserializer());
        KafkaProducer<String, MessageLite> results = ProtobufProducers.reliable(kafka, "migration-dispatcher",
            Map.of());
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      consumer = commands;
      commands.subscribe(List.of(Topics.MIGRATION_COMMANDS), new ConsumerRebalanceListener() {
        // When the dispatcher can run commands after a start: the first commands wait for this group join.
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          LOG.infof("migration dispatcher: assigned %s", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          if (!partitions.isEmpty()) {
            LOG.infof("migration dispatcher: revoked %s", partitions);
          }
        }
      });
      while (running) {
        List<Future<ProducerRecord<String, MessageLite>>> batch = new ArrayList<>();
        ConsumerRecords<String, byte[]> polled = commands.poll(Duration.ofMillis(500));
        if (polled.isEmpty()) {
          continue;
        }
        for (ConsumerRecord<String, byte[]> record : polled) {
          undecodable.decode(record, MigrationCommand.parser()).ifPresent(command ->
              batch.add(workers.submit(() -> execute(InputCodec.command(command)))));
        }
        List<Future<?>> sent = new ArrayList<>();
        for (Future<ProducerRecord<String, MessageLite>> result : batch) {
          sent.add(results.send(result.get()));
        }
        for (Future<?> ack : sent) {
          ack.get();
        }
        // Skipped records' offsets are committed with the rest, so no restart meets them again.
        commands.commitSync();
      }
    }
  }

  /** Records of {@code openpe.migration-commands} skipped because they did not decode. */
  public long skipped() {
    UndecodableRecords records = undecodable;
    return records == null ? 0 : records.skipped();
  }

  /** Back-off before reading again after a failure (a broker that is away). */
  private static void pause() {
    try {
      Thread.sleep(Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ProducerRecord<String, MessageLite> execute(Command command) {
    Timer.Sample sample = Timer.start(metrics);
    Outcome outcome;
    pauseIfAsked(command, "before");
    try {
      outcome = runner.run(command);
    } catch (RuntimeException e) {
      // A bug or an unexpected API answer: retried until the step's deadline, never taken for success.
      LOG.errorf(e, "migration %s: command %s failed", command.migrationId(), command.id());
      outcome = new Outcome.Waiting("executor error: " + e);
    }
    String kind = outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    sample.stop(metrics.timer("openpe.migration.commands", "step", command.step().label(), "outcome", kind));
    LOG.infof("migration %s: %s -> %s", command.migrationId(), command.id(), outcome);
    pauseIfAsked(command, "after");
    return new ProducerRecord<>(Topics.MIGRATION_INPUTS, InputCodec.key(command.request()),
        InputCodec.result(command, outcome, Instant.now()));
  }

  /** {@code openpe.migration.dispatcher.pause-at}: parks this command's thread for good (the test kills the process). */
  private void pauseIfAsked(Command command, String point) {
    if (dispatcher.pauseAt().filter((command.step().label() + ":" + point)::equals).isEmpty()) {
      return;
    }
    LOG.warnf("dispatcher paused %s %s (openpe.migration.dispatcher.pause-at)", point, command.id());
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
