package io.openpe.migration.store;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code openpe.migration.decider.*}. */
@ConfigMapping(prefix = "openpe.migration.decider")
public interface DeciderConfig {

  /**
   * Fault injection for crash tests: a step label ({@code receiver-vm}, ...) parks the decider inside the
   * exactly-once transaction of the first decision that commands that step — after its snapshot, events and command
   * were produced, before the commit — and logs {@code decider paused inside the transaction of ...}, so a test can
   * SIGKILL the process with the transaction open. Unset in production.
   */
  Optional<String> pauseAt();
}
