package io.openpe.migration.saga;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The saga's clocks. KubeVirt has none for {@code WaitingForSync}/{@code Synchronizing} (kubevirt#17317), so the
 * {@link Step#MIGRATING} deadline is the sync deadline.
 *
 * @param migrationDeadline the default bound from start to pivot, when the request names none
 * @param resultTimeout a command without a result after this is sent again as a new attempt (lost on a crash)
 * @param retryBackoff after {@link Outcome.Waiting} or {@link Outcome.Unreachable}
 * @param pollInterval between looks at the phases and at the MAC's location
 */
public record SagaPolicy(Duration migrationDeadline, Map<Step, Duration> stepDeadlines, Duration resultTimeout,
    Duration retryBackoff, Duration pollInterval) {

  public SagaPolicy {
    stepDeadlines = Map.copyOf(stepDeadlines);
  }

  public static SagaPolicy defaults() {
    Map<Step, Duration> deadlines = new EnumMap<>(Step.class);
    deadlines.put(Step.PRE_CHECKS, Duration.ofMinutes(2));
    deadlines.put(Step.FABRIC_BASELINE, Duration.ofMinutes(1));
    deadlines.put(Step.ENSURE_NETWORK, Duration.ofMinutes(2));
    deadlines.put(Step.RECEIVER_VM, Duration.ofMinutes(2));
    deadlines.put(Step.TARGET_MIGRATION, Duration.ofMinutes(5));
    deadlines.put(Step.SYNC_ADDRESS, Duration.ofMinutes(5));
    deadlines.put(Step.SOURCE_MIGRATION, Duration.ofMinutes(2));
    deadlines.put(Step.MIGRATING, Duration.ofMinutes(30));
    deadlines.put(Step.VERIFY_ROUTES, Duration.ofMinutes(2));
    return new SagaPolicy(Duration.ofHours(1), deadlines, Duration.ofSeconds(30), Duration.ofSeconds(2),
        Duration.ofSeconds(2));
  }

  /** The step's own deadline; steps without one (finalize, compensations) retry until done. */
  Duration deadline(Step step) {
    return stepDeadlines.getOrDefault(step, Duration.ofDays(3650));
  }

  public SagaPolicy withStepDeadline(Step step, Duration deadline) {
    Map<Step, Duration> deadlines = new EnumMap<>(stepDeadlines.isEmpty() ? Map.of() : stepDeadlines);
    deadlines.put(step, deadline);
    return new SagaPolicy(migrationDeadline, deadlines, resultTimeout, retryBackoff, pollInterval);
  }
}
