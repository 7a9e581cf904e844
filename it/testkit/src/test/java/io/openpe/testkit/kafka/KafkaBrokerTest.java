package io.openpe.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void producesAndConsumesOnARealBrokerAndKeepsDataAcrossRestart() throws Exception {
        var dir = java.nio.file.Files.createTempDirectory("openpe-kafka-test-");
        int port = KafkaBroker.freePort();
        try (KafkaBroker broker = KafkaBroker.start(port, dir, false)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    "bootstrap.servers", broker.bootstrapServers(), "acks", "all", "enable.idempotence", "true"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "c1/n0", "plan-1")).get();
            }
        }
        try (KafkaBroker broker = KafkaBroker.start(port, dir, true)) {
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    "bootstrap.servers", broker.bootstrapServers(), "auto.offset.reset", "earliest",
                    "group.id", "g"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of("t"));
                ConsumerRecord<String, String> record = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (record == null && System.nanoTime() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        record = records.iterator().next();
                    }
                }
                assertTrue(record != null, "record written before the restart must be readable after it");
                assertEquals("c1/n0", record.key());
                assertEquals("plan-1", record.value());
            }
        }
    }

    @Test
    void stopAndStartAgainKeepsTheAddressAndTheData() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            String address = broker.bootstrapServers();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    "bootstrap.servers", address, "acks", "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("again", "k", "before")).get();
            }
            broker.stop();
            assertTrue(!broker.running());
            broker.startAgain();
            assertEquals(address, broker.bootstrapServers());
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    "bootstrap.servers", address, "auto.offset.reset", "earliest", "group.id", "again"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(Set.of("again"));
                ConsumerRecord<String, String> record = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (record == null && System.nanoTime() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        record = records.iterator().next();
                    }
                }
                assertTrue(record != null, "the record written before the stop is read after the start");
                assertEquals("before", record.value());
            }
        }
    }
}
