package io.openpe.route.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows in readiness how many plan records route-service skipped because they did not decode, and the last one. It
 * stays UP: one corrupt plan must not take the BMP listener out of service (the shared policy, issue 10).
 */
@Readiness
@ApplicationScoped
public class PlanFeedReadiness implements HealthCheck {

    private final PlanConsumer plans;

    @Inject
    public PlanFeedReadiness(PlanConsumer plans) {
        this.plans = plans;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("plan feed").up();
        plans.undecodable().healthData().forEach((key, value) -> {
            if (value instanceof Long number) {
                response.withData(key, number);
            } else {
                response.withData(key, String.valueOf(value));
            }
        });
        return response.build();
    }
}
