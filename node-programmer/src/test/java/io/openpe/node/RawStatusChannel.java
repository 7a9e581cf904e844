package io.openpe.node;

import io.openpe.node.report.StatusPublisher;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.ProtobufProducers;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The node-status channel for tests that wire the agent's parts by hand, outside Quarkus (the root tests): the same
 * records on the same topic, sent by a plain producer. The service's own channel is tested by
 * {@code report.StatusChannelTest}.
 */
final class RawStatusChannel implements StatusPublisher.StatusChannel, AutoCloseable {

    private final KafkaProducer<String, com.google.protobuf.MessageLite> producer;

    RawStatusChannel(String bootstrap) {
        producer = ProtobufProducers.reliable(bootstrap, "test-node-status");
    }

    StatusPublisher publisher(String cluster, String node) {
        return new StatusPublisher(this, cluster, node, Duration.ofSeconds(30));
    }

    @Override
    public Uni<Void> send(OutgoingKafkaRecord<String, NodeStatus> record) {
        return Uni.createFrom().completionStage(() -> {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(record.getTopic(), null, record.getKey(), record.getPayload(),
                    record.getHeaders()),
                    (metadata, failure) -> {
                        if (failure == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(failure);
                        }
                    });
            return acked;
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
