package io.openpe.intent.nodestatus;

import io.openpe.intent.model.ObjectId;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows openpe.node-status (from the beginning: it is compacted) and hands each node's failed objects to the
 * reconciler, so an object's status says on which node it could not be applied and why.
 */
public final class NodeStatusFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeStatusFeed.class);

    private final KafkaConsumer<String, NodeStatus> consumer;
    private final IntentReconciler reconciler;
    private final String keyPrefix;
    private final Thread thread;

    public NodeStatusFeed(String bootstrapServers, IntentReconciler reconciler) {
        this.consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "intent-service-node-status"),
                new StringDeserializer(), new ProtobufDeserializer<>(NodeStatus.parser()));
        this.reconciler = reconciler;
        this.keyPrefix = reconciler.cluster() + "/";
        this.thread = Thread.ofPlatform().daemon().name("node-status-feed").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.NODE_STATUS, Duration.ofMinutes(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, NodeStatus> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.key() == null || !record.key().startsWith(keyPrefix)) {
                        continue;
                    }
                    String node = record.key().substring(keyPrefix.length());
                    reconciler.nodeReported(node, record.value() == null ? Map.of() : failures(record.value()));
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } catch (RuntimeException e) {
            LOG.errorf(e, "following %s stopped; object status no longer shows node failures", Topics.NODE_STATUS);
        } finally {
            consumer.close();
        }
    }

    /** The node's failed objects that belong to an intent, with their reasons (several per intent are joined). */
    static Map<ObjectId, String> failures(NodeStatus status) {
        Map<ObjectId, String> failed = new TreeMap<>();
        for (ObjectResult result : status.getResultsList()) {
            if (result.getState() != ObjectResult.State.STATE_FAILED || !result.hasSource()) {
                continue;
            }
            ObjectId object;
            try {
                object = IntentProtos.idOf(result.getSource());
            } catch (IllegalArgumentException notAnIntent) {
                continue;
            }
            String reason = result.getObject() + ": " + result.getReason();
            failed.merge(object, reason, (a, b) -> a + "; " + b);
        }
        return failed;
    }

    @Override
    public void close() {
        consumer.wakeup();
    }
}
