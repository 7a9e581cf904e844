package io.openpe.migration.saga;

import java.util.List;

/** What a step saw when it converged, reduced to what the saga decides on. The dispatcher maps executor records here. */
public sealed interface Observation {

  /** The step's objects are in place (or gone, for a compensation); {@code detail} is for the event. */
  record Done(String detail) implements Observation {
  }

  /** Every pre-check ran; {@code failures} empty means all passed. */
  record PreChecked(List<String> failures) implements Observation {
    public PreChecked {
      failures = List.copyOf(failures);
    }
  }

  /** The target VMIM's synchronization address. */
  record SyncAddressRead(String connectUrl) implements Observation {
  }

  /** One look at both VMIMs. */
  record Phases(Progress progress, String detail) implements Observation {
  }

  /** Where the fabric has the VM's MAC: {@code cluster} empty when no route advertises it. */
  record MacLocated(String cluster, String vtep, long mobilitySequence, boolean duplicate) implements Observation {
    public static MacLocated nowhere() {
      return new MacLocated("", "", -1, false);
    }
  }

  enum Progress {
    /** Neither side is final yet. */
    IN_PROGRESS,
    /** The guest runs on the target. */
    PIVOTED,
    /** Either VMIM failed and the guest stayed on the source. */
    FAILED,
    /** The migration failed and the source launcher went with it: the VM is down; it is not restarted here. */
    SOURCE_LOST
  }
}
