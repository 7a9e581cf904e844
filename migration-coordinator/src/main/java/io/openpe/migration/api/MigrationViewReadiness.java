package io.openpe.migration.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the API's view has read every snapshot that was there when it started: before that, Get answers
 * NOT_FOUND for a migration that exists and Start cannot tell a known id from a new one.
 */
@Readiness
@ApplicationScoped
public class MigrationViewReadiness implements HealthCheck {
  static final String NAME = "migration view";

  @Inject
  MigrationView view;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME).status(view.caughtUp()).build();
  }
}
