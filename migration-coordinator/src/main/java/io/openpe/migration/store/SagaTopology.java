package io.openpe.migration.store;

import com.google.protobuf.MessageLite;
import io.openpe.migration.saga.Saga;
import io.openpe.migration.v1.MigrationInput;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The decider: {@code openpe.migration-inputs} → {@link SagaDecider} → {@code openpe.migrations} (snapshots),
 * {@code openpe.migration-events} (history) and {@code openpe.migration-commands}. Both stores are in memory and
 * rebuilt from their changelogs on start (a few hundred bytes per migration).
 */
@ApplicationScoped
public class SagaTopology {

  @Produces
  Topology topology(SagaConfig config, DeciderConfig decider) {
    return build(new Saga(config.policy()), config.tick(), DecisionPause.of(decider.pauseAt()));
  }

  static Topology build(Saga saga, Duration tick) {
    return build(saga, tick, DecisionPause.NONE);
  }

  private static Topology build(Saga saga, Duration tick, DecisionPause pause) {
    Serde<MigrationSnapshot> snapshots = Serdes.serdeFrom(new ProtobufSerializer<>(),
        new ProtobufDeserializer<>(MigrationSnapshot.parser()));
    Topology topology = new Topology();
    topology.addSource("inputs", new StringDeserializer(), new ProtobufDeserializer<>(MigrationInput.parser()),
        Topics.MIGRATION_INPUTS);
    topology.addProcessor("decider", () -> new SagaDecider(saga, tick, pause), "inputs");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SagaDecider.MIGRATIONS_STORE),
        Serdes.String(), snapshots), "decider");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SagaDecider.VM_STORE),
        Serdes.String(), Serdes.String()), "decider");
    StringSerializer keys = new StringSerializer();
    ProtobufSerializer<MessageLite> values = new ProtobufSerializer<>();
    topology.addSink(SagaDecider.SNAPSHOTS, Topics.MIGRATIONS, keys, values, "decider");
    topology.addSink(SagaDecider.EVENTS, Topics.MIGRATION_EVENTS, keys, values, "decider");
    topology.addSink(SagaDecider.COMMANDS, Topics.MIGRATION_COMMANDS, keys, values, "decider");
    return topology;
  }
}
