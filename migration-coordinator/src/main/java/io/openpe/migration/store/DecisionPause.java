package io.openpe.migration.store;

import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.Step;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;

/**
 * The test hook of {@link DeciderConfig#pauseAt()}: parks the stream thread for good right after a decision that
 * commands the named step was forwarded. Parking (not halting) keeps the transaction open with its records on the
 * broker and leaves the death to a SIGKILL from outside, at a point the test knows. Off, it costs one check per
 * decision.
 */
final class DecisionPause {
  static final DecisionPause NONE = new DecisionPause(Optional.empty());
  private static final Logger LOG = Logger.getLogger(DecisionPause.class);

  private final Optional<Step> step;

  private DecisionPause(Optional<Step> step) {
    this.step = step;
  }

  /** An unknown step label stops the start with the key and the reason. */
  static DecisionPause of(Optional<String> label) {
    try {
      return new DecisionPause(label.map(Step::fromLabel));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("openpe.migration.decider.pause-at=" + label.orElseThrow()
          + ": no such step", e);
    }
  }

  /** Called with a decision's commands after they were forwarded, before the task commits. */
  void afterForwarding(List<Command> commands) {
    if (step.isEmpty()) {
      return;
    }
    commands.stream().filter(command -> command.step() == step.get()).findFirst().ifPresent(command -> {
      LOG.warnf("decider paused inside the transaction of %s (openpe.migration.decider.pause-at)", command.id());
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
