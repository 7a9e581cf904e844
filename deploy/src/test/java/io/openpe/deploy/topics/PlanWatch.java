package io.openpe.deploy.topics;

import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Java consumer of docs/topics.md, held there verbatim between the {@code example} markers (TopicsDocTest): the
 * first plan of one cluster's node, from the beginning of {@code openpe.plans}.
 */
final class PlanWatch {

    private PlanWatch() {
    }

    static ConsumerRecord<String, NodePlan> firstPlan(String bootstrapServers, String cluster, Duration within) {
        // example:start
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "plan-watch");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ProtobufDeserializer.class.getName());
        config.put(ProtobufDeserializer.VALUE_TYPE_CONFIG, NodePlan.class.getName());
        try (KafkaConsumer<String, NodePlan> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.PLANS));
            Instant deadline = Instant.now().plus(within);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, NodePlan> record : consumer.poll(Duration.ofMillis(500))) {
                    // one Kafka may serve a fleet: keys are "<cluster>/<node>"; a null value is a deleted plan
                    if (record.key().startsWith(cluster + "/") && record.value() != null) {
                        return record;
                    }
                }
            }
        }
        // example:end
        throw new IllegalStateException("no plan of cluster " + cluster + " on " + Topics.PLANS + " within " + within);
    }
}
