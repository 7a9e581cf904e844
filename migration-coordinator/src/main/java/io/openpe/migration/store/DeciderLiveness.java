package io.openpe.migration.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Dead only when the decider stopped for good ({@code ERROR}, {@code PENDING_ERROR}): a restart helps then. Waiting
 * for Kafka or its topics is not a reason to restart (Quarkus's own check says DOWN while it waits; it is off).
 */
@Liveness
@ApplicationScoped
public class DeciderLiveness implements HealthCheck {

  @Inject
  KafkaStreams streams;

  @Override
  public HealthCheckResponse call() {
    KafkaStreams.State state = streams.state();
    boolean alive = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    return HealthCheckResponse.named(DeciderReadiness.NAME).status(alive).withData("state", state.name()).build();
  }
}
