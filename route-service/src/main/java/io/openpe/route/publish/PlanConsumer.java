package io.openpe.route.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.intent.v1.NodePlan;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.route.cluster.RouterClusters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads every node plan on openpe.plans (compacted, key {@code <cluster>/<node>}) from the beginning into
 * {@link RouterClusters}, so routers map to clusters by their router id or VTEP. The SmallRye {@code plans} channel
 * (application.properties {@code mp.messaging.incoming.plans.*}): a consumer group of its own on every start
 * ({@code ${quarkus.uuid}}), earliest offsets, nothing committed, so each instance reads all plans every time; values
 * arrive as bytes and are decoded here by the shared policy ({@link UndecodableRecords}: a value that does not decode
 * is skipped, counted and logged once, and the channel goes on).
 */
@ApplicationScoped
public class PlanConsumer {

    private static final Logger LOG = Logger.getLogger(PlanConsumer.class);

    private final RouterClusters routerClusters = new RouterClusters();
    private final UndecodableRecords undecodable;

    @Inject
    public PlanConsumer(MeterRegistry registry) {
        this.undecodable = new UndecodableRecords("route-service", registry);
    }

    /** The skipped-record count and the last skip, for readiness data. */
    public UndecodableRecords undecodable() {
        return undecodable;
    }

    public RouterClusters routerClusters() {
        return routerClusters;
    }

    /**
     * One record of openpe.plans. On a worker thread, in order: a changed plan re-decides the router's held routes
     * ({@link RouterClusters#onReplanned}), which may wait for the route publisher.
     */
    @Incoming("plans")
    @Blocking
    void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            routerClusters.removed(record.key());
            return;
        }
        undecodable.decode(record, NodePlan.parser()).ifPresent(plan -> apply(record.key(), plan));
    }

    private void apply(String key, NodePlan plan) {
        routerClusters.planned(key, new RouterClusters.PlannedNode(plan.getCluster(), plan.getNode(),
                plan.getUnderlay().getRouterId(), plan.getUnderlay().getVtepIp()));
        LOG.debugf("plan %s: router id %s, VTEP %s", key, plan.getUnderlay().getRouterId(),
                plan.getUnderlay().getVtepIp());
    }
}
