package io.openpe.migration.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code openpe.migration.dispatcher.*}. */
@ConfigMapping(prefix = "openpe.migration.dispatcher")
public interface DispatcherConfig {

  /** Run the step dispatcher in this process (off: commands wait for another coordinator's dispatcher). */
  @WithDefault("true")
  boolean enabled();

  /**
   * Fault injection for crash tests: {@code <step>:before} or {@code <step>:after} parks the dispatcher at the first
   * command of that step, before the executor runs or after it ran and before its result is published, and logs
   * {@code dispatcher paused ...} so a test can SIGKILL the process exactly there. Unset in production.
   */
  Optional<String> pauseAt();
}
