package io.openpe.node;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness beside the Kafka check: DOWN only between receiving the first plan and reporting its first pass. Its data
 * carries the count of undecodable plan records skipped and the last one.
 */
@Readiness
@ApplicationScoped
public class PlanAppliedCheck implements HealthCheck {

    @Inject
    NodeAgent agent;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("node plan applied or none yet")
                .status(agent.planAppliedOrNoneYet());
        // Skipped records never make the node unready: they are shown so an operator sees them (issue 10).
        agent.skippedRecords().forEach((name, value) -> response.withData(name, value.toString()));
        return response.build();
    }
}
