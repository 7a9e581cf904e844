package io.openpe.migration.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Saga;
import io.openpe.migration.saga.SagaPolicy;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: garbage bytes on openpe.migration-inputs do not stop the decider. With the handler the packaged
 * configuration names (read from application.properties, so the test fails if the setting goes), the record is
 * skipped and counted once and the next start on the same VM's partition is decided.
 */
class UndecodableInputTest {

    @Test
    void garbageIsSkippedCountedAndTheNextStartIsDecided() throws IOException {
        Properties packaged = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            packaged.load(reader);
        }
        String handler = packaged.getProperty("kafka-streams.default.deserialization.exception.handler");
        assertEquals(SkipUndecodableInputs.class.getName(), handler);

        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createOpenpeTopics();
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, "saga-undecodable-test");
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("sg-streams-").toString());
            config.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, handler);
            long before = SkipUndecodableInputs.RECORDS.skipped();
            KafkaStreams decider = new KafkaStreams(SagaTopology.build(new Saga(SagaPolicy.defaults()),
                    Duration.ofMillis(200)), config);
            decider.start();
            try (SagaTopics topics = new SagaTopics(broker.bootstrapServers())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> decider.state() == KafkaStreams.State.RUNNING);
                MigrationRequest request = new MigrationRequest("garbage-1", "vms", "vm-g", "cluster-a", "cluster-b",
                        "", "migration", Duration.ZERO);
                try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
                    // Field 1 announced as length-delimited with a length beyond the record: not a MigrationInput.
                    producer.send(new ProducerRecord<>(Topics.MIGRATION_INPUTS, request.vmKey(),
                            new byte[] {0x0a, 0x7f, 0x01})).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                topics.start(request);
                MigrationSnapshot snapshot = topics.snapshot("garbage-1", s -> true);
                assertEquals("vm-g", snapshot.getRequest().getVmName());
                assertEquals(KafkaStreams.State.RUNNING, decider.state());
                assertEquals(before + 1, SkipUndecodableInputs.RECORDS.skipped());
            } finally {
                decider.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
            }
        }
    }
}
