package io.openpe.local;

import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints one line per plan published on openpe.plans for this cluster, from the beginning of the topic. */
final class PlanPrinter implements AutoCloseable {

    private final KafkaConsumer<String, NodePlan> consumer;
    private final String keyPrefix;

    PlanPrinter(String bootstrapServers, String cluster) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "local-stack-plan-printer"),
                new StringDeserializer(), new ProtobufDeserializer<>(NodePlan.parser()));
        this.keyPrefix = cluster + "/";
        consumer.assign(consumer.partitionsFor(Topics.PLANS).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList());
    }

    void printUntilStopped(BooleanSupplier stop) {
        try {
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<String, NodePlan> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(keyPrefix)) {
                        System.out.println(describe(record.key(), record.value()));
                    }
                }
            }
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException stopping) {
            // shutting down
        }
    }

    static String describe(String key, NodePlan plan) {
        if (plan == null) {
            return "plan " + key + " deleted";
        }
        StringBuilder line = new StringBuilder("plan ").append(key).append(" generation ").append(plan.getGeneration())
                .append(": ");
        if (plan.hasUnderlay()) {
            line.append("AS").append(plan.getUnderlay().getAsn()).append(" VTEP ").append(plan.getUnderlay().getVtepIp())
                    .append(" router-id ").append(plan.getUnderlay().getRouterId());
        } else {
            line.append("no underlay");
        }
        line.append("; L3 ").append(plan.getL3DomainsList().stream()
                .map(d -> d.getVrf() + "/" + d.getVni()).collect(Collectors.joining(",", "[", "]")));
        line.append("; L2 ").append(plan.getL2DomainsList().stream()
                .map(d -> d.getVni() + (d.getVrf().isEmpty() ? "" : "@" + d.getVrf()) + " " + d.getBridge())
                .collect(Collectors.joining(",", "[", "]")));
        List<String> notes = new java.util.ArrayList<>();
        plan.getWarningsList().forEach(w -> notes.add("warning: " + w.getMessage()));
        plan.getRejectionsList().forEach(r -> notes.add("rejected " + r.getObject().getName() + ": " + r.getReason()));
        if (!notes.isEmpty()) {
            line.append("\n    ").append(String.join("\n    ", notes));
        }
        return line.toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
