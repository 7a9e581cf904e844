package io.openpe.route.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.KafkaClients;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.route.cluster.RouterClusters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every node plan on openpe.plans (compacted, key {@code <cluster>/<node>}) from the beginning into
 * {@link RouterClusters}, so routers map to clusters by their router id or VTEP. Each instance reads all plans: its
 * consumer group is its own and commits nothing. A value that does not decode is skipped and counted by the shared
 * policy ({@link UndecodableRecords}); the client is built from the Quarkus Kafka configuration ({@link KafkaClients}).
 */
@ApplicationScoped
public class PlanConsumer {

    private static final Logger LOG = Logger.getLogger(PlanConsumer.class);

    private final RouterClusters routerClusters = new RouterClusters();
    private final Map<String, ?> kafka;
    private final UndecodableRecords undecodable;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public PlanConsumer(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.kafka = kafka;
        this.undecodable = new UndecodableRecords("route-service", registry);
    }

    /** The skipped-record count and the last skip, for readiness data. */
    public UndecodableRecords undecodable() {
        return undecodable;
    }

    public RouterClusters routerClusters() {
        return routerClusters;
    }

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "route-service-plans-" + UUID.randomUUID(),
                ConsumerConfig.CLIENT_ID_CONFIG, "route-service-plans",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = Thread.ofPlatform().name("openpe-plan-consumer").daemon().start(this::consume);
    }

    private void consume() {
        try {
            consumer.subscribe(List.of(Topics.PLANS));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        apply(record.key(), null);
                    } else {
                        undecodable.decode(record, NodePlan.parser()).ifPresent(plan -> apply(record.key(), plan));
                    }
                }
            }
        } catch (WakeupException | InterruptException e) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(String key, NodePlan plan) {
        if (plan == null) {
            routerClusters.removed(key);
            return;
        }
        routerClusters.planned(key, new RouterClusters.PlannedNode(plan.getCluster(), plan.getNode(),
                plan.getUnderlay().getRouterId(), plan.getUnderlay().getVtepIp()));
        LOG.debugf("plan %s: router id %s, VTEP %s", key, plan.getUnderlay().getRouterId(),
                plan.getUnderlay().getVtepIp());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
