package io.openpe.route.publish;

import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.ProtobufDeserializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.cluster.RouterClusters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads every node plan on openpe.plans (compacted, key {@code <cluster>/<node>}) from the beginning into
 * {@link RouterClusters}, so routers map to clusters by their router id or VTEP. Each instance reads all plans: its
 * consumer group is its own and commits nothing.
 */
@ApplicationScoped
public class PlanConsumer {

    private static final Logger LOG = Logger.getLogger(PlanConsumer.class);

    private final RouterClusters routerClusters = new RouterClusters();
    private final String bootstrapServers;
    private volatile boolean running;
    private KafkaConsumer<String, NodePlan> consumer;
    private Thread thread;

    @Inject
    public PlanConsumer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public RouterClusters routerClusters() {
        return routerClusters;
    }

    void start(@Observes StartupEvent event) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "route-service-plans-" + UUID.randomUUID(),
                ConsumerConfig.CLIENT_ID_CONFIG, "route-service-plans",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ProtobufDeserializer<>(NodePlan.parser()));
        running = true;
        thread = Thread.ofPlatform().name("openpe-plan-consumer").daemon().start(this::consume);
    }

    private void consume() {
        try {
            consumer.subscribe(List.of(Topics.PLANS));
            while (running) {
                for (ConsumerRecord<String, NodePlan> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record.key(), record.value());
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
