package io.openpe.migration.saga;

/**
 * What one command came to, in the terms of the {@code step} executors' outcomes but without their Kubernetes types
 * (the saga depends on nothing).
 */
public sealed interface Outcome {

  record Observed(Observation observation) implements Outcome {
  }

  /** A precondition is not there yet; try again. */
  record Waiting(String reason) implements Outcome {
  }

  /** A cluster's API server (or route-service) did not answer; nothing is known to have changed. Try again. */
  record Unreachable(String cluster, String reason) implements Outcome {
  }

  /** An object the step needs belongs to someone else. Retrying cannot help. */
  record Conflict(String object, String owner, String reason) implements Outcome {
  }

  /** The API server or the step's own guard refused. Retrying cannot help. */
  record Rejected(String reason) implements Outcome {
  }
}
