package io.openpe.local;

import io.openpe.intent.v1.NodePlan;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints one line per plan published on openpe.plans and per node status on openpe.node-status for this cluster,
 * from the beginning of the topics.
 */
final class PlanPrinter implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String keyPrefix;
    private static final ProtobufDeserializer<NodePlan> PLANS = new ProtobufDeserializer<>(NodePlan.parser());
    private static final ProtobufDeserializer<NodeStatus> STATUSES = new ProtobufDeserializer<>(NodeStatus.parser());

    PlanPrinter(String bootstrapServers, String cluster) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "local-stack-plan-printer"),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.keyPrefix = cluster + "/";
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : List.of(Topics.PLANS, Topics.NODE_STATUS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
    }

    void printUntilStopped(BooleanSupplier stop) {
        try {
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                        continue;
                    }
                    System.out.println(record.topic().equals(Topics.PLANS)
                            ? describe(record.key(), record.value() == null ? null : PLANS.deserialize(Topics.PLANS, record.value()))
                            : describe(record.key(), record.value() == null ? null
                                    : STATUSES.deserialize(Topics.NODE_STATUS, record.value())));
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

    static String describe(String key, NodeStatus status) {
        if (status == null) {
            return "status " + key + " deleted";
        }
        long failed = status.getResultsList().stream()
                .filter(r -> r.getState() == ObjectResult.State.STATE_FAILED).count();
        String pending = status.getResultsList().stream().filter(r -> r.getState() == ObjectResult.State.STATE_PENDING)
                .map(ObjectResult::getReason).findFirst().map(r -> " (" + r + ")").orElse("");
        // The failures by reason, so that "9 failed" says why (e.g. no VRF support in this kernel).
        String reasons = status.getResultsList().stream().filter(r -> r.getState() == ObjectResult.State.STATE_FAILED)
                .collect(Collectors.groupingBy(ObjectResult::getReason, java.util.TreeMap::new,
                        Collectors.mapping(ObjectResult::getObject, Collectors.toList())))
                .entrySet().stream().map(e -> "\n    failed " + e.getValue().size() + " (" + e.getValue().getFirst()
                        + (e.getValue().size() > 1 ? ", ..." : "") + "): " + e.getKey())
                .collect(Collectors.joining());
        return "status " + key + " generation " + status.getAppliedGeneration() + ": " + status.getResultsCount()
                + " objects, " + failed + " failed, " + status.getKernelWrites() + " kernel writes" + pending + reasons;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
