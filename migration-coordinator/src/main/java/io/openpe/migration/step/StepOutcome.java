package io.openpe.migration.step;

import io.openpe.migration.kube.ApiRejected;
import io.openpe.migration.kube.ClusterUnreachable;
import io.openpe.migration.kube.ForeignObject;
import io.openpe.migration.kube.ObjectRef;
import java.util.function.Supplier;

/**
 * What one executor call came to. Only {@link Observed} carries a result; the others say why not and whether a later
 * attempt can help ({@link Waiting}, {@link Unreachable}) or not ({@link Conflict}, {@link Rejected}).
 */
public sealed interface StepOutcome<O> {

  /** The step converged; repeating it returns the same value and changes nothing. */
  record Observed<O>(O value) implements StepOutcome<O> {
  }

  /** The world is not there yet (the receiver VMI is not waiting, no sync address yet); try again later. */
  record Waiting<O>(String reason) implements StepOutcome<O> {
  }

  /** A cluster's API server did not answer; nothing is known to have changed there. Try again later. */
  record Unreachable<O>(String cluster, String reason) implements StepOutcome<O> {
  }

  /** An object with a name this migration needs belongs to someone else; it was left untouched. */
  record Conflict<O>(ObjectRef object, String owner, String reason) implements StepOutcome<O> {
  }

  /** The API server refused, or the step refuses (e.g. deleting a receiver that already runs the guest). */
  record Rejected<O>(String reason) implements StepOutcome<O> {
  }

  /** Runs {@code step}, turning the cluster adapter's failures and {@link NotYet} into outcomes. */
  static <O> StepOutcome<O> of(Supplier<O> step) {
    try {
      return new Observed<>(step.get());
    } catch (NotYet e) {
      return new Waiting<>(e.getMessage());
    } catch (ClusterUnreachable e) {
      return new Unreachable<>(e.cluster(), e.getMessage());
    } catch (ForeignObject e) {
      return new Conflict<>(e.object(), e.owner(), e.getMessage());
    } catch (ApiRejected e) {
      return new Rejected<>(e.getMessage());
    } catch (Refused e) {
      return new Rejected<>(e.getMessage());
    }
  }

  /** Thrown inside a step when a precondition it waits for has not happened yet. */
  final class NotYet extends RuntimeException {
    public NotYet(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Thrown inside a step that must not act (its guard says no). */
  final class Refused extends RuntimeException {
    public Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
