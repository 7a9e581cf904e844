package io.openpe.intent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.v1.NodeFacts;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.kafka.InjectKafkaBroker;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the writes of the Kubernetes and directory sources go through the SmallRye {@code records} channel on a
 * real broker. Each record lands on the topic it names under its key, a null value is a tombstone; the channel's
 * producer is idempotent with {@code acks=all}, inherits the service's {@code kafka.*} configuration, and its client
 * metrics are in Micrometer; a broker outage in the middle of a write loses nothing and duplicates nothing (the
 * write waits and is acknowledged once the broker is back).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class RecordsChannelTest {

    @Inject
    TopicWriter writer;

    @Inject
    KafkaClientService clients;

    @Inject
    MeterRegistry registry;

    @InjectKafkaBroker
    KafkaBroker broker;

    private KafkaBroker broker() {
        return broker;
    }

    private static TopicWriter.Entry facts(String key, int index) {
        return new TopicWriter.Entry(Topics.NODES, key, NodeFacts.newBuilder().setCluster("chan")
                .setName(key.substring(key.indexOf('/') + 1)).setIndex(index).build());
    }

    @Test
    void recordsLandOnTheirTopicsUnderTheirKeysThroughAnIdempotentAcksAllChannel() {
        writer.writeAll(List.of(facts("chan/a", 1), facts("chan/b", 2),
                new TopicWriter.Entry(Topics.NODES, "chan/a", null)));

        List<ConsumerRecord<String, NodeFacts>> a = records(Topics.NODES, "chan/a");
        assertEquals(2, a.size(), "the record and its tombstone, in order");
        assertEquals(1, a.get(0).value().getIndex());
        assertNull(a.get(1).value(), "a null value is a tombstone");
        assertEquals(List.of(2), records(Topics.NODES, "chan/b").stream().map(r -> r.value().getIndex()).toList());

        Map<String, ?> producer = clients.getProducer("records").configuration();
        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals(Integer.toString(Integer.MAX_VALUE), producer.get("delivery.timeout.ms"),
                "the sources' writes wait as long as Kafka is away");
        assertEquals(ProtobufSerializer.class.getName(), producer.get("value.serializer"));
        assertEquals(Integer.toString(Topics.MAX_RECORD_BYTES), producer.get("max.request.size"));
        assertEquals(broker().bootstrapServers(), producer.get("bootstrap.servers"),
                "the channel is configured from the service's kafka.* properties");
        assertEquals("5000", producer.get("request.timeout.ms"), "kafka.request.timeout.ms reaches the channel");
        String clientId = producer.get("client.id").toString();
        assertEquals("intent-service", clientId);
        assertTrue(registry.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith("kafka.producer.")
                && clientId.equals(m.getId().getTag("client.id"))),
                "the channel's producer metrics are bound to Micrometer (client " + clientId + ")");
    }

    @Test
    void aWriteWhileTheBrokerIsDownIsAcknowledgedOnceItIsBackAndNothingIsLostOrDuplicated() {
        writer.writeAll(List.of(facts("chan/c", 1)));
        broker().stop();
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> writer.writeAll(List.of(facts("chan/c", 2),
                facts("chan/c", 3))));
        try {
            assertThrows(TimeoutException.class, () -> write.get(2, TimeUnit.SECONDS),
                    "no acknowledgement can come while the broker is down");
        } finally {
            broker().startAgain();
        }
        write.join();

        assertEquals(List.of(1, 2, 3), records(Topics.NODES, "chan/c").stream().map(r -> r.value().getIndex())
                .toList(), "nothing lost, nothing duplicated, in order");
    }

    /** Every record of {@code key} on {@code topic}, read to the topic's current end. */
    private List<ConsumerRecord<String, NodeFacts>> records(String topic, String key) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers()),
                new StringDeserializer(), new ProtobufDeserializer<>(NodeFacts.parser()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, NodeFacts>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }
}
