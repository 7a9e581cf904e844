package io.openpe.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness beside the Kafka check: DOWN only between receiving the first plan and reporting its first pass. */
@Readiness
@ApplicationScoped
public class PlanAppliedCheck implements HealthCheck {

    @Inject
    NodeAgent agent;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("node plan applied or none yet").status(agent.planAppliedOrNoneYet())
                .build();
    }
}
