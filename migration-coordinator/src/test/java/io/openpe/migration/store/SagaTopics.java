package io.openpe.migration.store;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.v1.MigrationCommand;
import io.openpe.migration.v1.MigrationEvent;
import io.openpe.migration.v1.MigrationInput;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The decider's topics as a test sees them: inputs written like the API and the dispatcher write them, outputs read
 * committed only (what a reader of a transactional producer gets).
 */
final class SagaTopics implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  final List<MigrationSnapshot> snapshots = new ArrayList<>();
  final List<MigrationEvent> events = new ArrayList<>();
  final List<MigrationCommand> commands = new ArrayList<>();

  SagaTopics(String bootstrap) {
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(),
        new ByteArraySerializer());
    consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = List.of(new TopicPartition(Topics.MIGRATIONS, 0),
        new TopicPartition(Topics.MIGRATION_EVENTS, 0), new TopicPartition(Topics.MIGRATION_COMMANDS, 0));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  void start(MigrationRequest request) {
    send(request, InputCodec.start(request, Instant.now()));
  }

  void cancel(MigrationRequest request, String reason) {
    send(request, InputCodec.cancel(request.migrationId(), reason, Instant.now()));
  }

  void answer(MigrationCommand command, Outcome outcome) {
    Command decoded = InputCodec.command(command);
    send(decoded.request(), InputCodec.result(decoded, outcome, Instant.now()));
  }

  void send(MigrationRequest request, MigrationInput input) {
    producer.send(new ProducerRecord<>(Topics.MIGRATION_INPUTS, InputCodec.key(request), input.toByteArray()));
    producer.flush();
  }

  void poll() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      try {
        switch (record.topic()) {
          case Topics.MIGRATIONS -> snapshots.add(MigrationSnapshot.parseFrom(record.value()));
          case Topics.MIGRATION_EVENTS -> events.add(MigrationEvent.parseFrom(record.value()));
          default -> commands.add(MigrationCommand.parseFrom(record.value()));
        }
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Waits for the command with {@code id}. */
  MigrationCommand command(String id) {
    return waitFor(() -> commands.stream().filter(c -> c.getId().equals(id)).findFirst());
  }

  /** Waits for a snapshot of {@code migrationId} that matches. */
  MigrationSnapshot snapshot(String migrationId, Predicate<MigrationSnapshot> matching) {
    return waitFor(() -> snapshots.stream().filter(s -> s.getMigrationId().equals(migrationId)).filter(matching)
        .reduce((first, second) -> second));
  }

  List<MigrationCommand> commandsOf(String migrationId) {
    poll();
    return commands.stream().filter(c -> c.getId().startsWith(migrationId + ":")).toList();
  }

  List<MigrationEvent> eventsOf(String migrationId) {
    poll();
    return events.stream().filter(e -> e.getMigrationId().equals(migrationId)).toList();
  }

  private <T> T waitFor(java.util.function.Supplier<Optional<T>> found) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
      poll();
      return found.get();
    }, Optional::isPresent).orElseThrow();
  }

  @Override
  public void close() {
    producer.close();
    consumer.close();
  }
}
