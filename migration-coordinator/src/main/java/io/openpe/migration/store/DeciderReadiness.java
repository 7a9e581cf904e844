package io.openpe.migration.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the decider runs: during a rebalance or while its stores are restored from their changelogs, a
 * start could be decided against a store that is not complete yet, so the coordinator says it is not ready.
 */
@Readiness
@ApplicationScoped
public class DeciderReadiness implements HealthCheck {
  static final String NAME = "saga decider";

  @Inject
  KafkaStreams streams;

  /** Empty while the decider runs; otherwise what it is doing instead (its Kafka Streams state). */
  public java.util.Optional<String> notDeciding() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING ? java.util.Optional.empty() : java.util.Optional.of(state.name());
  }

  @Override
  public HealthCheckResponse call() {
    KafkaStreams.State state = streams.state();
    var response = HealthCheckResponse.named(NAME).status(state == KafkaStreams.State.RUNNING)
        .withData("state", state.name()).withData("kafkaRecordsSkipped", SkipUndecodableInputs.RECORDS.skipped());
    SkipUndecodableInputs.RECORDS.last().ifPresent(skip -> response.withData("lastSkippedRecord", skip.describe()));
    return response.build();
  }
}
