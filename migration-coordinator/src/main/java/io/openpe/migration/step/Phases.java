package io.openpe.migration.step;

/**
 * One look at a migration in flight: both VMIMs, both VMIs and what KubeVirt says about the outcome.
 *
 * @param targetCompleted the target VMI's {@code status.migrationState.completed}
 * @param failureReason {@code status.migrationState.failureReason} of either VMI, empty when none
 */
public record Phases(MigrationPhase target, MigrationPhase source, InstancePhase targetVmi, InstancePhase sourceVmi,
    boolean targetCompleted, String failureReason) {

  /**
   * The pivot: the guest now runs on the target. The target VMIM's {@code Succeeded} is the signal (as Forklift
   * uses it); a target VMI that runs with a completed migration state counts too, because KubeVirt garbage-collects
   * finalized VMIMs and the source side may be unreachable.
   */
  public boolean pivoted() {
    return target == MigrationPhase.SUCCEEDED || (targetVmi == InstancePhase.RUNNING && targetCompleted);
  }

  /** Either VMIM failed and the guest did not reach the target. */
  public boolean failed() {
    return !pivoted() && (target == MigrationPhase.FAILED || source == MigrationPhase.FAILED);
  }

  /**
   * The source launcher is gone with the migration (KubeVirt's "propagate failure from target to source" test: both
   * VMIMs fail and the source VM stops). Not restarted automatically: that is an operator's decision.
   */
  public boolean sourceLost() {
    return failed() && (sourceVmi == InstancePhase.FAILED || sourceVmi == InstancePhase.ABSENT);
  }
}
