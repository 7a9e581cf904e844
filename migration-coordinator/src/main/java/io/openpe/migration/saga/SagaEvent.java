package io.openpe.migration.saga;

import java.time.Instant;

/** One line of a migration's history, at the revision the snapshot got with it. */
public record SagaEvent(String migrationId, long revision, Kind kind, Step step, String message, Instant at) {

  public enum Kind {
    STARTED,
    REFUSED,
    STEP_STARTED,
    STEP_DONE,
    STEP_WAITING,
    STEP_UNREACHABLE,
    PROGRESS,
    DEADLINE_PASSED,
    COMPENSATING,
    PIVOTED,
    WARNING,
    CANCEL_REFUSED,
    SUCCEEDED,
    FAILED,
    CANCELLED
  }
}
