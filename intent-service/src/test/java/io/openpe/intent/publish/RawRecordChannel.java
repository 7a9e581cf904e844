package io.openpe.intent.publish;

import com.google.protobuf.MessageLite;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.ProtobufProducers;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The {@code records} channel's place in tests that run the reconciler without Quarkus: the same reliability
 * settings as the channel (idempotent, {@code acks=all}, no delivery timeout) on a raw producer. The channel itself
 * is tested by {@code RecordsChannelTest}.
 */
public final class RawRecordChannel implements TopicWriter.RecordChannel {

    private final KafkaProducer<String, MessageLite> producer;

    private RawRecordChannel(String bootstrapServers) {
        this.producer = ProtobufProducers.reliable(bootstrapServers, "intent-service");
    }

    /** A writer on {@code bootstrapServers}, unmetered. */
    public static TopicWriter writer(String bootstrapServers) {
        return new TopicWriter(new RawRecordChannel(bootstrapServers), KafkaClients.brokers(bootstrapServers),
                Optional.empty());
    }

    @Override
    public CompletableFuture<Void> send(OutgoingKafkaRecord<String, MessageLite> record) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(record.getTopic(), null, record.getKey(), record.getPayload(),
                record.getHeaders()),
                (metadata, failure) -> {
                    if (failure == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(failure);
                    }
                });
        return ack;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
