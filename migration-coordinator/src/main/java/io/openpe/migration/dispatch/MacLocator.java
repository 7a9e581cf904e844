package io.openpe.migration.dispatch;

import io.openpe.migration.saga.Outcome;
import io.openpe.migration.step.Migration;

/**
 * Where the fabric has the migrating VM's MAC (route-service {@code LocateMac}): an {@link Outcome.Observed} of a
 * {@link io.openpe.migration.saga.Observation.MacLocated}, or why not. A port, so tests use a double and the lab a real
 * route-service.
 */
public interface MacLocator {
  Outcome locate(Migration migration);
}
