package io.openpe.migration.store;

import com.google.protobuf.MessageLite;
import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.Decision;
import io.openpe.migration.saga.MigrationSaga;
import io.openpe.migration.saga.Saga;
import io.openpe.migration.saga.SagaEvent;
import io.openpe.migration.saga.SagaInput;
import io.openpe.migration.v1.MigrationInput;
import io.openpe.migration.v1.MigrationSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * The only place {@link Saga#decide} runs. Reads the snapshot from the {@code migrations} store, decides, writes the
 * snapshot back and forwards snapshot, events and commands, all inside the Kafka Streams transaction of the input
 * (exactly_once_v2): a crash before the commit leaves no trace, so the input is decided again from the same
 * snapshot and gives the same command ids. The {@code vm-holders} store (VM → migration id) holds the VMs with a
 * migration in flight; inputs are keyed by VM, so it is always local.
 */
final class SagaDecider implements Processor<String, MigrationInput, String, MessageLite> {
  static final String MIGRATIONS_STORE = "migrations";
  static final String VM_STORE = "vm-holders";
  static final String SNAPSHOTS = "snapshots";
  static final String EVENTS = "events";
  static final String COMMANDS = "commands";
  private static final Logger LOG = Logger.getLogger(SagaDecider.class);

  private final Saga saga;
  private final Duration tick;
  private final DecisionPause pause;
  private ProcessorContext<String, MessageLite> context;
  private KeyValueStore<String, MigrationSnapshot> migrations;
  private KeyValueStore<String, String> vmHolders;

  SagaDecider(Saga saga, Duration tick, DecisionPause pause) {
    this.saga = saga;
    this.tick = tick;
    this.pause = pause;
  }

  @Override
  public void init(ProcessorContext<String, MessageLite> context) {
    this.context = context;
    this.migrations = context.getStateStore(MIGRATIONS_STORE);
    this.vmHolders = context.getStateStore(VM_STORE);
    context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::tickAll);
  }

  @Override
  public void process(Record<String, MigrationInput> record) {
    MigrationInput input = record.value();
    if (input == null || input.getMigrationId().isEmpty()) {
      return;
    }
    MigrationSaga before = load(input.getMigrationId());
    SagaInput decided;
    try {
      String holder = input.hasStart() ? orEmpty(vmHolders.get(SnapshotCodec.request(input.getStart()).vmKey())) : "";
      decided = InputCodec.toSaga(input, holder);
    } catch (IllegalArgumentException e) {
      LOG.warnf("migration %s: input ignored: %s", input.getMigrationId(), e.getMessage());
      return;
    }
    apply(before, saga.decide(before, decided), record.timestamp());
  }

  private void tickAll(long now) {
    List<String> active = new ArrayList<>();
    try (KeyValueIterator<String, String> held = vmHolders.all()) {
      held.forEachRemaining((KeyValue<String, String> entry) -> active.add(entry.value));
    }
    Instant at = Instant.ofEpochMilli(now);
    for (String id : active) {
      MigrationSaga before = load(id);
      apply(before, saga.decide(before, new SagaInput.Tick(at)), now);
    }
  }

  private void apply(MigrationSaga before, Decision decision, long timestamp) {
    MigrationSaga after = decision.snapshot();
    String id = after.migrationId();
    if (!after.equals(before)) {
      MigrationSnapshot snapshot = SnapshotCodec.toProto(after);
      migrations.put(id, snapshot);
      context.forward(new Record<String, MessageLite>(id, snapshot, timestamp), SNAPSHOTS);
      holdOrRelease(after);
    }
    for (SagaEvent event : decision.events()) {
      context.forward(new Record<String, MessageLite>(id, EventCodec.toProto(event, after.state()), timestamp),
          EVENTS);
    }
    for (Command command : decision.commands()) {
      context.forward(new Record<String, MessageLite>(id, InputCodec.command(command), timestamp), COMMANDS);
    }
    pause.afterForwarding(decision.commands());
  }

  private void holdOrRelease(MigrationSaga saga) {
    if (saga.request() == null) {
      return;
    }
    String vm = saga.request().vmKey();
    String holder = vmHolders.get(vm);
    if (saga.state().isFinal()) {
      if (saga.migrationId().equals(holder)) {
        vmHolders.delete(vm);
      }
    } else if (holder == null) {
      vmHolders.put(vm, saga.migrationId());
    }
  }

  private MigrationSaga load(String id) {
    MigrationSnapshot stored = migrations.get(id);
    return stored == null ? MigrationSaga.absent(id) : SnapshotCodec.fromProto(stored);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
