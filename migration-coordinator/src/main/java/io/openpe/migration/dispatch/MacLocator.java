package io.openpe.migration.dispatch;

import io.openpe.migration.saga.Outcome;
import io.openpe.migration.step.Migration;

/**
 * Where the fabric has the migrating VM's MAC (route-service {@code LocateMac}): an {@link Outcome.Observed} of a
 * {@link io.openpe.migration.saga.Observation.MacLocated}, or why not. A port, so tests use a double and the lab a real
 * route-service.
 */
public interface MacLocator {
  /** Where the MAC is now (the baseline before the move). */
  Outcome locate(Migration migration);

  /**
   * After the pivot: where the MAC is once it shows up behind the target cluster, or where it still is when the
   * locator stops waiting. The saga decides whether that counts (target cluster, sequence above the baseline).
   */
  default Outcome awaitArrival(Migration migration) {
    return locate(migration);
  }
}
