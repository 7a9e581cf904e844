package io.openpe.intent;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.directory.DirectorySource;
import io.openpe.intent.directory.IntentDirectory;
import io.openpe.intent.kube.KubernetesSource;
import io.openpe.intent.nodestatus.NodeStatusFeed;
import io.openpe.intent.plan.BmpTarget;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.CompactedTopicReader;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.v1.Intent;
import io.openpe.intent.v1.NodeFacts;
import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Wires intent-service: restores the state from the compacted topics, then starts the configured sources
 * (Kubernetes, a directory; gRPC is always on). Ready only once the state is restored.
 */
@ApplicationScoped
public class IntentServiceLifecycle {

    private static final Logger LOG = Logger.getLogger(IntentServiceLifecycle.class);

    @ConfigProperty(name = "openpe.cluster")
    String cluster;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "openpe.intents.directory")
    Optional<Path> intentsDirectory;

    @ConfigProperty(name = "openpe.intents.poll-interval-ms", defaultValue = "1000")
    long pollIntervalMillis;

    @ConfigProperty(name = "openpe.kubernetes.enabled", defaultValue = "true")
    boolean kubernetesEnabled;

    @ConfigProperty(name = "openpe.bmp.address")
    Optional<String> bmpAddress;

    @ConfigProperty(name = "openpe.bmp.port", defaultValue = "5000")
    int bmpPort;

    @ConfigProperty(name = "openpe.underlay.mtu", defaultValue = "1500")
    int underlayMtu;

    @ConfigProperty(name = "openpe.vxlan.port", defaultValue = "4789")
    int vxlanPort;

    private volatile boolean restored;
    private volatile String restoreFailure = "restoring state from Kafka";
    private DirectorySource directorySource;
    private NodeStatusFeed nodeStatusFeed;

    @Produces
    @Singleton
    IntentReconciler reconciler(TopicWriter writer, MeterRegistry registry) {
        PlanSettings settings = new PlanSettings(bmpAddress.map(a -> new BmpTarget(a, bmpPort)), underlayMtu, vxlanPort);
        IntentReconciler reconciler = new IntentReconciler(cluster, settings, writer);
        reconciler.observer(new ReconcileMetrics(registry));
        return reconciler;
    }

    void onStart(@Observes StartupEvent event, IntentReconciler reconciler, Instance<KubernetesSource> kubernetes) {
        Thread.ofPlatform().name("intent-restore").start(() -> {
            restore(reconciler);
            if (kubernetesEnabled) {
                kubernetes.get().start();
            }
            intentsDirectory.ifPresent(dir -> {
                LOG.infof("reading intents from directory %s", dir);
                directorySource = new DirectorySource(new IntentDirectory(dir), reconciler, !kubernetesEnabled);
                directorySource.start(pollIntervalMillis);
            });
            nodeStatusFeed = new NodeStatusFeed(bootstrapServers, reconciler);
            nodeStatusFeed.start();
            restored = true;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (directorySource != null) {
            directorySource.close();
        }
        if (nodeStatusFeed != null) {
            nodeStatusFeed.close();
        }
    }

    /** Reads openpe.intents, openpe.nodes and openpe.plans to their end, retrying while Kafka is unreachable. */
    private void restore(IntentReconciler reconciler) {
        String prefix = cluster + "/";
        for (int attempt = 1; ; attempt++) {
            try {
                var intents = CompactedTopicReader.readAll(bootstrapServers, Topics.INTENTS, Intent.parser(), prefix);
                var nodes = CompactedTopicReader.readAll(bootstrapServers, Topics.NODES, NodeFacts.parser(), prefix);
                var plans = CompactedTopicReader.readAll(bootstrapServers, Topics.PLANS, NodePlan.parser(), prefix);
                reconciler.restore(intents.values(), nodes.values(), plans.values());
                return;
            } catch (RuntimeException e) {
                restoreFailure = "cannot restore state from Kafka (attempt " + attempt + "): " + e.getMessage();
                LOG.warn(restoreFailure);
                try {
                    Thread.sleep(Math.min(10_000, 500L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck stateRestored() {
        return () -> restored
                ? HealthCheckResponse.up("intent state restored")
                : HealthCheckResponse.named("intent state restored").down().withData("reason", restoreFailure).build();
    }
}
