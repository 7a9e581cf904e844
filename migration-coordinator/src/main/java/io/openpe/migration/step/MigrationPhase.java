package io.openpe.migration.step;

/**
 * {@code VirtualMachineInstanceMigration.status.phase} (KubeVirt {@code types.go},
 * {@code VirtualMachineInstanceMigrationPhase}), plus {@link #ABSENT} for a VMIM that is not (or no longer) there:
 * KubeVirt garbage-collects finalized VMIMs, and a source VMIM can vanish with its VMI.
 */
public enum MigrationPhase {
  ABSENT(""),
  UNSET(""),
  WAITING_FOR_SYNC("WaitingForSync"),
  SYNCHRONIZING("Synchronizing"),
  PENDING("Pending"),
  SCHEDULING("Scheduling"),
  SCHEDULED("Scheduled"),
  PREPARING_TARGET("PreparingTarget"),
  TARGET_READY("TargetReady"),
  RUNNING("Running"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  /** A phase this code does not know (a newer KubeVirt). */
  UNKNOWN("");

  private final String kubevirt;

  MigrationPhase(String kubevirt) {
    this.kubevirt = kubevirt;
  }

  /** The spelling on the API server. */
  public String kubevirt() {
    return kubevirt;
  }

  public static MigrationPhase fromKubevirt(String phase) {
    if (phase == null || phase.isEmpty()) {
      return UNSET;
    }
    for (MigrationPhase candidate : values()) {
      if (!candidate.kubevirt.isEmpty() && candidate.kubevirt.equals(phase)) {
        return candidate;
      }
    }
    return UNKNOWN;
  }

  /** KubeVirt's {@code IsFinal()}. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
