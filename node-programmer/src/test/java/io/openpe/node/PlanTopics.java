package io.openpe.node;

import io.openpe.intent.v1.NodePlan;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test side of the agent's topics: publish plans as intent-service does, read back every node status. */
public final class PlanTopics {

    private PlanTopics() {
    }

    public static void publish(String bootstrap, NodePlan... plans) {
        try (var producer = new KafkaProducer<String, NodePlan>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ProtobufSerializer<>())) {
            for (NodePlan plan : plans) {
                producer.send(new ProducerRecord<>(Topics.PLANS, Topics.nodeKey(plan.getCluster(), plan.getNode()),
                        plan)).get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every status published so far under {@code key}, oldest first. */
    public static List<NodeStatus> statuses(String bootstrap, String key) {
        List<NodeStatus> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, NodeStatus>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ProtobufDeserializer<>(NodeStatus.parser()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NODE_STATUS, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r.value());
                    }
                });
            }
        }
        return found;
    }

    public static NodePlan plan(String cluster, String node, long generation, String hash) {
        return NodePlan.newBuilder().setCluster(cluster).setNode(node).setGeneration(generation)
                .setContentHash(hash).build();
    }
}
