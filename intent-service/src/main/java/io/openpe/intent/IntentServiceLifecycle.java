package io.openpe.intent;

import com.google.protobuf.MessageLite;
import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.config.IntentServiceConfig;
import io.openpe.intent.directory.DirectorySource;
import io.openpe.intent.directory.IntentDirectory;
import io.openpe.intent.kube.KubernetesSource;
import io.openpe.intent.nodestatus.NodeStatusFeed;
import io.openpe.intent.plan.BmpTarget;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.CompactedTopics;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.trace.ArrivalSpans;
import io.openpe.intent.v1.Intent;
import io.openpe.intent.v1.NodeFacts;
import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.Topics;
import io.opentelemetry.api.OpenTelemetry;
import io.openpe.proto.kafka.UndecodableRecords;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Wires intent-service: restores the state from the compacted topics, then starts the configured sources
 * (Kubernetes, a directory; gRPC is always on). Ready only once the state is restored.
 */
@ApplicationScoped
public class IntentServiceLifecycle {

    private static final Logger LOG = Logger.getLogger(IntentServiceLifecycle.class);

    @Inject
    IntentServiceConfig.Cluster cluster;

    /** Every {@code kafka.*} property (brokers, TLS, SASL): what each of the service's Kafka clients is built from. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    IntentServiceConfig.Intents intents;

    @Inject
    IntentServiceConfig.Kubernetes kubernetesSource;

    @Inject
    IntentServiceConfig.Bmp bmp;

    @Inject
    IntentServiceConfig.Underlay underlay;

    @Inject
    IntentServiceConfig.Vxlan vxlan;

    /** The SDK Quarkus configured (a no-op one while {@code quarkus.otel.sdk.disabled}): the arrival spans. */
    @Inject
    OpenTelemetry openTelemetry;

    private volatile UndecodableRecords undecodable;
    private volatile boolean restored;
    private volatile String restoreFailure = "restoring state from Kafka";
    private DirectorySource directorySource;
    private CompactedTopics state;

    /** The one undecodable-record policy of all of intent-service's consumers (restore, fleet feed, node status). */
    @Produces
    @Singleton
    UndecodableRecords undecodableRecords(MeterRegistry registry) {
        return new UndecodableRecords("intent-service", registry);
    }

    @Produces
    @Singleton
    IntentReconciler reconciler(TopicWriter writer, MeterRegistry registry) {
        PlanSettings settings = new PlanSettings(bmp.address().map(a -> new BmpTarget(a, bmp.port())), underlay.mtu(),
                vxlan.port());
        IntentReconciler reconciler = new IntentReconciler(cluster.name(), settings, writer);
        reconciler.observer(new ReconcileMetrics(registry));
        return reconciler;
    }

    void onStart(@Observes StartupEvent event, IntentReconciler reconciler, Instance<KubernetesSource> kubernetes,
            UndecodableRecords undecodableRecords, MeterRegistry registry, NodeStatusFeed nodeStatusFeed) {
        undecodable = undecodableRecords;
        Thread.ofPlatform().name("intent-restore").start(() -> {
            if (!restore(reconciler, registry)) {
                return;
            }
            // The same reader goes on: other clusters' later intents and plans feed the fleet check.
            state.follow("fleet-feed", reconciler::otherClusters);
            if (kubernetesSource.enabled()) {
                kubernetes.get().start();
            }
            intents.directory().ifPresent(dir -> {
                LOG.infof("reading intents from directory %s", dir);
                directorySource = new DirectorySource(new IntentDirectory(dir), reconciler, !kubernetesSource.enabled(),
                        new ArrivalSpans(openTelemetry));
                directorySource.start(intents.pollIntervalMillis());
            });
            nodeStatusFeed.open();
            restored = true;
        });
    }

    void onStop(@Observes ShutdownEvent event, NodeStatusFeed nodeStatusFeed) {
        nodeStatusFeed.close();
        if (directorySource != null) {
            directorySource.close();
        }
        if (state != null) {
            state.close();
        }
    }

    /**
     * Reads openpe.intents, openpe.nodes and openpe.plans to their end, retrying while Kafka is unreachable: this
     * cluster's records restore the reconciler, the other clusters' intents and plans are the fleet check's first
     * view of them. False when interrupted.
     */
    private boolean restore(IntentReconciler reconciler, MeterRegistry registry) {
        String prefix = cluster.name() + "/";
        for (int attempt = 1; ; attempt++) {
            CompactedTopics topics = new CompactedTopics(kafka, "intent-service-state", Map.of(
                    Topics.INTENTS, Intent.parser(), Topics.NODES, NodeFacts.parser(), Topics.PLANS, NodePlan.parser()), undecodable)
                    .withMetrics(registry);
            try {
                Map<String, Map<String, MessageLite>> latest = topics.readToEnd();
                reconciler.otherClusters(changes(latest, Topics.INTENTS, Topics.PLANS));
                reconciler.restore(own(latest.get(Topics.INTENTS), prefix, Intent.class),
                        own(latest.get(Topics.NODES), prefix, NodeFacts.class),
                        own(latest.get(Topics.PLANS), prefix, NodePlan.class));
                state = topics;
                return true;
            } catch (RuntimeException e) {
                topics.close();
                restoreFailure = "cannot restore state from Kafka (attempt " + attempt + "): " + e.getMessage();
                LOG.warn(restoreFailure);
                try {
                    Thread.sleep(Math.min(10_000, 500L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private static <T> List<T> own(Map<String, MessageLite> latest, String prefix, Class<T> type) {
        return latest.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .map(e -> type.cast(e.getValue())).toList();
    }

    private static List<CompactedTopics.Change> changes(Map<String, Map<String, MessageLite>> latest, String... topics) {
        List<CompactedTopics.Change> changes = new ArrayList<>();
        for (String topic : topics) {
            latest.get(topic).forEach((key, value) -> changes.add(new CompactedTopics.Change(topic, key,
                    Optional.of(value))));
        }
        return changes;
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck stateRestored(UndecodableRecords undecodableRecords) {
        // Skipped records never make the service unready; their count and the last one are shown (issue 10).
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("intent state restored").status(restored);
            if (!restored) {
                response.withData("reason", restoreFailure);
            }
            undecodableRecords.healthData().forEach((name, value) -> response.withData(name, value.toString()));
            return response.build();
        };
    }
}
