package io.openpe.migration.saga;

import java.time.Instant;

/** Everything that can happen to a migration. Each carries the time it is decided at. */
public sealed interface SagaInput {
  Instant at();

  /**
   * @param vmHolder the migration that holds the VM now (from the one-per-VM store), empty when the VM is free
   */
  record Start(MigrationRequest request, String vmHolder, Instant at) implements SagaInput {
    public Start {
      vmHolder = vmHolder == null ? "" : vmHolder;
    }
  }

  record Cancel(String reason, Instant at) implements SagaInput {
  }

  /** The result of the command with {@code commandId}; results of any other command are stale and ignored. */
  record StepResult(String commandId, Outcome outcome, Instant at) implements SagaInput {
  }

  /** Time passes: deadlines and retries are due. */
  record Tick(Instant at) implements SagaInput {
  }
}
