package io.openpe.migration.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * What the API answers from: the latest snapshot of every migration and the stream of events, read committed from
 * {@code openpe.migrations} and {@code openpe.migration-events} (so a decision that was rolled back is never shown).
 * A record that does not decode is skipped and counted by the shared policy ({@link UndecodableRecords}); the
 * consumer is built from the Quarkus Kafka configuration ({@link KafkaClients}).
 */
@ApplicationScoped
public class MigrationView {
  private static final Logger LOG = Logger.getLogger(MigrationView.class);

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  @Inject
  MeterRegistry registry;

  private volatile UndecodableRecords undecodable;

  private final Map<String, MigrationSnapshot> snapshots = new ConcurrentHashMap<>();
  private final List<Consumer<MigrationSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<MigrationEvent>> eventListeners = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  /** Set once every snapshot committed before the view started was read; stays set across reconnects. */
  private volatile boolean caughtUp;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  void start(@Observes StartupEvent startup) {
    undecodable = new UndecodableRecords("migration-coordinator-view", registry);
    running = true;
    thread = Thread.ofPlatform().name("migration-view").daemon().start(this::loop);
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

  /**
   * Whether the view has read {@code openpe.migrations} up to where it stood (last stable offset) when the view
   * started: before that, a known migration may look unknown.
   */
  public boolean caughtUp() {
    return caughtUp;
  }

  public Optional<MigrationSnapshot> get(String migrationId) {
    return Optional.ofNullable(snapshots.get(migrationId));
  }

  public List<MigrationSnapshot> all() {
    return snapshots.values().stream().sorted(java.util.Comparator.comparing(MigrationSnapshot::getMigrationId))
        .toList();
  }

  /** Registers listeners; the returned handle removes them. */
  public AutoCloseable listen(Consumer<MigrationSnapshot> onSnapshot, Consumer<MigrationEvent> onEvent) {
    snapshotListeners.add(onSnapshot);
    eventListeners.add(onEvent);
    return () -> {
      snapshotListeners.remove(onSnapshot);
      eventListeners.remove(onEvent);
    };
  }

  private void loop() {
    Map<String, Object> config = KafkaClients.consumer(kafka, Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    while (running) {
      try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(),
          new ByteArrayDeserializer())) {
        consumer = reader;
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : List.of(Topics.MIGRATIONS, Topics.MIGRATION_EVENTS)) {
          for (PartitionInfo partition : reader.partitionsFor(topic, Duration.ofSeconds(5))) {
            partitions.add(new TopicPartition(topic, partition.partition()));
          }
        }
        reader.assign(partitions);
        // History before now is not replayed to watchers; snapshots are read from the beginning.
        List<TopicPartition> snapshotPartitions = partitions.stream()
            .filter(p -> p.topic().equals(Topics.MIGRATIONS)).toList();
        reader.seekToBeginning(snapshotPartitions);
        reader.seekToEnd(partitions.stream().filter(p -> p.topic().equals(Topics.MIGRATION_EVENTS)).toList());
        // read_committed: the end is the last stable offset, so an open transaction does not hold the catch-up.
        Map<TopicPartition, Long> end = reader.endOffsets(snapshotPartitions);
        while (running) {
          for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
            accept(record);
          }
          if (!caughtUp && snapshotPartitions.stream().allMatch(p -> reader.position(p) >= end.get(p))) {
            caughtUp = true;
            LOG.infof("migration view: read %d migrations from %s", snapshots.size(), Topics.MIGRATIONS);
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (Exception e) {
        if (running) {
          LOG.warnf("migration view: %s; reading again", e.toString());
        }
      }
    }
  }

  private void accept(ConsumerRecord<String, byte[]> record) {
    if (record.topic().equals(Topics.MIGRATIONS)) {
      undecodable.decode(record, MigrationSnapshot.parser()).ifPresent(snapshot -> {
        snapshots.merge(snapshot.getMigrationId(), snapshot,
            (old, next) -> next.getRevision() >= old.getRevision() ? next : old);
        snapshotListeners.forEach(listener -> listener.accept(snapshot));
      });
    } else {
      undecodable.decode(record, MigrationEvent.parser())
          .ifPresent(event -> eventListeners.forEach(listener -> listener.accept(event)));
    }
  }

  /** Records of the two topics skipped because they did not decode. */
  public long skipped() {
    UndecodableRecords records = undecodable;
    return records == null ? 0 : records.skipped();
  }
}
