package io.openpe.route.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The start-up reconcile in readiness: DOWN until the route topics have been read, and while tombstones it queued
 * wait for Kafka's acknowledgement (a broker outage), since until then the topic may still hold routes the routers no
 * longer have. Routers whose sessions have not re-sent their tables yet are listed but keep it UP: they may take up
 * to openpe.reconcile.wait, and a router that never comes back must not keep the service out of service.
 */
@Readiness
@ApplicationScoped
public class ReconcileReadiness implements HealthCheck {

    private final StartupReconcile reconcile;

    @Inject
    public ReconcileReadiness(StartupReconcile reconcile) {
        this.reconcile = reconcile;
    }

    @Override
    public HealthCheckResponse call() {
        StartupReconcile.State state = reconcile.state();
        return HealthCheckResponse.named("start-up reconcile").status(!state.catchingUp())
                .withData("topics read", state.read())
                .withData("failed reads", state.failedReads())
                .withData("routers pending", String.join(",", state.pendingRouters()))
                .withData("tombstones not acknowledged", state.unacknowledged())
                .build();
    }
}
