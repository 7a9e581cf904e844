package io.openpe.migration.saga;

import java.util.Locale;
import java.util.Optional;

/**
 * Every step the saga runs, forward steps in saga order, then the compensations. A forward step before the pivot that
 * may leave an object behind names its compensation; the compensations of the steps reached run in reverse order.
 */
public enum Step {
  PRE_CHECKS(null),
  /** Where the fabric sees the VM's MAC before the move: the mobility sequence verification must beat. */
  FABRIC_BASELINE(null),
  ENSURE_NETWORK("REMOVE_NETWORK"),
  RECEIVER_VM("DELETE_RECEIVER_VM"),
  TARGET_MIGRATION("DELETE_TARGET_MIGRATION"),
  SYNC_ADDRESS(null),
  SOURCE_MIGRATION("DELETE_SOURCE_MIGRATION"),
  /** Observe both VMIMs until the pivot (or failure); also the look that settles a race with a compensation. */
  MIGRATING(null),
  VERIFY_ROUTES(null),
  FINALIZE(null),
  DELETE_SOURCE_MIGRATION(null),
  DELETE_TARGET_MIGRATION(null),
  DELETE_RECEIVER_VM(null),
  REMOVE_NETWORK(null);

  private final String compensation;

  Step(String compensation) {
    this.compensation = compensation;
  }

  public Optional<Step> compensation() {
    return Optional.ofNullable(compensation).map(Step::valueOf);
  }

  /** Steps after which the guest may run on the target: only forward recovery from here. */
  public boolean afterPivot() {
    return this == VERIFY_ROUTES || this == FINALIZE;
  }

  /** The spelling in command ids and events: {@code receiver-vm}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Step fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
