package io.openpe.migration.saga;

import java.time.Instant;

/**
 * The command a saga in flight waits on: {@code step} at attempt {@code number}. While {@code awaiting}, the result
 * of that command is accepted once; {@code retryAt} is when a new attempt goes out (after a wait, or when the result
 * is overdue because a command was lost).
 */
public record Attempt(Step step, int number, boolean awaiting, Instant retryAt) {

  public String commandId(String migrationId) {
    return Command.id(migrationId, step, number);
  }

  Attempt answered(Instant nextTry) {
    return new Attempt(step, number, false, nextTry);
  }

  Attempt next(Instant resultDue) {
    return new Attempt(step, number + 1, true, resultDue);
  }
}
