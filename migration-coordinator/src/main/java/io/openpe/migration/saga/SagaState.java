package io.openpe.migration.saga;

import java.time.Instant;
import java.util.Optional;

/** Where one migration is. {@link Active} states wait on a command; the others are absent or final. */
public sealed interface SagaState {

  /** A state with a command in flight or due. */
  sealed interface Active extends SagaState {
    Attempt attempt();
  }

  /** No start seen for this id. */
  record Absent() implements SagaState {
  }

  /**
   * Forward before the pivot.
   *
   * @param deadline when this step (bounded by the migration's deadline) has taken too long
   * @param overdue the migration's phases are past their deadline; the next fresh look decides (no blind cancel)
   * @param progress the last thing the step reported, for status and for the deadline's reason
   */
  record Running(Attempt attempt, Instant deadline, boolean overdue, String progress) implements Active {
  }

  /**
   * Undoing, in reverse order, what the steps up to {@code reached} may have created.
   *
   * @param cancelled ends {@link Cancelled} rather than {@link Failed}
   */
  record Compensating(Attempt attempt, Step reached, String reason, boolean cancelled) implements Active {
  }

  /**
   * The guest runs on the target: only forward (verify, finalize); a cancel is refused.
   *
   * @param deadline verification's deadline; finalize has none (it retries until done)
   */
  record Pivoted(Attempt attempt, Instant pivotedAt, Optional<Instant> deadline) implements Active {
  }

  /** Done; {@code warning} empty when every post-check passed. */
  record Succeeded(String warning) implements SagaState {
  }

  /** Ended without moving the VM (or, after the pivot, with a step an operator must finish). */
  record Failed(String reason) implements SagaState {
  }

  /** Cancelled before the pivot and compensated. */
  record Cancelled(String reason) implements SagaState {
  }

  /** Never started: pre-checks failed, the request was invalid or the VM was busy. Nothing was changed. */
  record Refused(String reason) implements SagaState {
  }

  default boolean isFinal() {
    return this instanceof Succeeded || this instanceof Failed || this instanceof Cancelled
        || this instanceof Refused;
  }
}
