package io.openpe.migration.step;

/**
 * {@code VirtualMachineInstance.status.phase} (KubeVirt {@code types.go}, {@code VirtualMachineInstancePhase}), plus
 * {@link #ABSENT} when there is no VMI.
 */
public enum InstancePhase {
  ABSENT(""),
  UNSET(""),
  PENDING("Pending"),
  SCHEDULING("Scheduling"),
  SCHEDULED("Scheduled"),
  RUNNING("Running"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  WAITING_FOR_SYNC("WaitingForSync"),
  UNKNOWN("Unknown");

  private final String kubevirt;

  InstancePhase(String kubevirt) {
    this.kubevirt = kubevirt;
  }

  public String kubevirt() {
    return kubevirt;
  }

  public static InstancePhase fromKubevirt(String phase) {
    if (phase == null || phase.isEmpty()) {
      return UNSET;
    }
    for (InstancePhase candidate : values()) {
      if (!candidate.kubevirt.isEmpty() && candidate.kubevirt.equals(phase)) {
        return candidate;
      }
    }
    return UNKNOWN;
  }
}
