package io.openpe.migration.store;

import io.openpe.migration.saga.SagaPolicy;
import io.openpe.migration.saga.Step;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** {@code openpe.migration.saga.*}: the saga's clocks (see {@link SagaPolicy}). */
@ConfigMapping(prefix = "openpe.migration.saga")
public interface SagaConfig {

  /** From start to pivot, when a start request names no deadline. */
  @WithDefault("1h")
  Duration migrationDeadline();

  /** Step label ({@code migrating}, {@code sync-address}, ...) → its deadline; unnamed steps keep the defaults. */
  Map<String, Duration> deadline();

  @WithDefault("30s")
  Duration resultTimeout();

  @WithDefault("2s")
  Duration retryBackoff();

  @WithDefault("2s")
  Duration pollInterval();

  /** How often the decider looks for due deadlines and retries (wall clock). */
  @WithDefault("1s")
  Duration tick();

  default SagaPolicy policy() {
    Map<Step, Duration> deadlines = new EnumMap<>(SagaPolicy.defaults().stepDeadlines());
    deadline().forEach((label, value) -> {
      try {
        deadlines.put(Step.fromLabel(label), value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("openpe.migration.saga.deadline." + label + ": no such step", e);
      }
    });
    return new SagaPolicy(migrationDeadline(), deadlines, resultTimeout(), retryBackoff(), pollInterval());
  }
}
