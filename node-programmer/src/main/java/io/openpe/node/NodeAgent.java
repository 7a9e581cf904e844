package io.openpe.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.node.config.NodeProgrammerConfig;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.node.intake.PlanIntake;
import io.openpe.node.kube.NodeCapacity;
import io.openpe.node.linux.NeighborRefresher;
import io.openpe.node.linux.RouterMacNeighbors;
import io.openpe.node.reconcile.ApplyMetrics;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.Enactor;
import io.openpe.node.reconcile.PlanLoop;
import io.openpe.node.reconcile.StatusSink;
import io.openpe.node.report.StatusPublisher;
import io.openpe.node.trace.PlanTraces;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Wires the agent: plan intake from Kafka, the loop, status publishing (the {@code node-status} channel). Starts after Quarkus is up and never blocks
 * startup: a broker that is down only delays the first plan (and keeps readiness DOWN through the Kafka check).
 */
@ApplicationScoped
public class NodeAgent {

    private static final Logger LOG = Logger.getLogger(NodeAgent.class);
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** Every {@code kafka.*} property (brokers, TLS, SASL): what each of the agent's Kafka clients is built from. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    NodeProgrammerConfig.Cluster clusterConfig;
    @Inject
    NodeProgrammerConfig.Node nodeConfig;

    /** openpe.node-status through SmallRye (application.properties {@code mp.messaging.outgoing.node-status.*}). */
    @Inject
    @Channel("node-status")
    MutinyEmitter<NodeStatus> statuses;
    @ConfigProperty(name = "mp.messaging.outgoing.node-status.delivery.timeout.ms")
    long statusDeliveryTimeoutMs;

    @Inject
    Enactor enactor;
    @Inject
    Instance<KubernetesClient> kubernetes;
    @Inject
    MeterRegistry registry;
    /** The SDK Quarkus configured (a no-op one while {@code quarkus.otel.sdk.disabled}): the plan traces. */
    @Inject
    OpenTelemetry openTelemetry;

    private StatusPublisher publisher;
    private PlanLoop loop;
    private PlanIntake intake;
    private volatile UndecodableRecords undecodable;

    void start(@Observes StartupEvent event) {
        String cluster = clusterConfig.name();
        String node = nodeConfig.name();
        boolean enact = nodeConfig.enact();
        Duration resyncInterval = nodeConfig.resyncInterval();
        String key = Topics.nodeKey(cluster, node);
        // Waits a little longer than the channel's delivery timeout, so that the channel's verdict comes first.
        publisher = new StatusPublisher(statuses::sendMessage, cluster, node,
                Duration.ofMillis(statusDeliveryTimeoutMs).plusSeconds(5));
        StatusSink sink = publisher;
        if (nodeConfig.kubernetes().enabled()) {
            NodeCapacity capacity = new NodeCapacity(kubernetes.get(), node);
            sink = new StatusSink() {
                @Override
                public void report(Convergence c) {
                    publisher.report(c);
                    capacity.report(c);
                }

                @Override
                public void refusedBeforeAnyPlan(PlanRefusal refusal) {
                    publisher.refusedBeforeAnyPlan(refusal);
                }
            };
        }
        PlanTraces traces = new PlanTraces(openTelemetry, key);
        loop = new PlanLoop(key, enact ? Optional.of(enactor) : Optional.empty(), sink,
                new ApplyMetrics(registry), Clock.systemUTC(), resyncInterval, BACKOFF, traces);
        undecodable = new UndecodableRecords("node-programmer", registry);
        intake = new PlanIntake(kafka, key, loop::offer, loop::refuse, undecodable, BACKOFF).withMetrics(registry)
                .withTracing(traces);
        loop.start();
        if (enact) {
            refreshNeighbors(key);
        }
        intake.start();
        LOG.infof("node agent started node=%s enact=%s resync=%s", key, enact, resyncInterval);
    }

    private void refreshNeighbors(String key) {
        NeighborRefresher refresher = new NeighborRefresher(new Namespaces(nodeConfig.routerNetns(), Optional.empty()));
        Counter refreshed = registry.counter("openpe.node.neighbors.refreshed");
        Optional<RouterMacNeighbors> routerMacs = routerMacNeighbors();
        Counter restoredCount = registry.counter("openpe.node.router.mac.neighbors.restored");
        loop.every(nodeConfig.neighborRefreshInterval(), "neighbor refresh", () -> {
            int count = refresher.refresh().size();
            refreshed.increment(count);
            if (count > 0) {
                LOG.debugf("refreshed %d stale neighbors node=%s", count, key);
            }
            routerMacs.ifPresent(neighbours -> neighbours.restore().forEach(restored -> {
                restoredCount.increment();
                LOG.infof("restored router-MAC neighbour zebra lost node=%s namespace=%s vtep=%s dev=%s mac=%s",
                        key, restored.namespace(), restored.nextHop().vtep(), restored.nextHop().bridge(),
                        restored.routerMac());
            }));
        });
    }

    /**
     * With FRR driven, the router-MAC neighbours zebra may lose (FRR 8.4.4) are put back on the same tick; they exist
     * only in VRF namespaces, so on kernel VRFs this costs a listing of /run/netns.
     */
    private Optional<RouterMacNeighbors> routerMacNeighbors() {
        Optional<String> vtyDir = nodeConfig.frr().vtyDir();
        Optional<String> configDir = nodeConfig.frr().configDir();
        if (vtyDir.isEmpty() || configDir.isEmpty()) {
            return Optional.empty();
        }
        FrrControl frr = new FrrControl(FrrTools.in(nodeConfig.routerNetns(), Path.of(vtyDir.get()),
                Path.of(configDir.get())));
        return Optional.of(new RouterMacNeighbors(nodeConfig.routerNetns(), frr::evpnRouterMacs));
    }

    void stop(@Observes ShutdownEvent event) {
        if (intake != null) {
            intake.close();
            loop.close();
        }
    }

    OptionalLong heldGeneration() {
        return loop == null ? OptionalLong.empty() : loop.heldGeneration();
    }

    /** Records of openpe.plans skipped as undecodable: count and last, for readiness. */
    public Map<String, Object> skippedRecords() {
        UndecodableRecords records = undecodable;
        return records == null ? Map.of("kafkaRecordsSkipped", 0L) : records.healthData();
    }

    /** Ready while no plan has arrived yet, or once one has been converged and reported. */
    public boolean planAppliedOrNoneYet() {
        return loop == null || !loop.hasPlan() || loop.last().isPresent();
    }
}
