package io.openpe.migration.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code openpe.migration.dispatcher.*}. */
@ConfigMapping(prefix = "openpe.migration.dispatcher")
public interface DispatcherConfig {

  /** Run the step dispatcher in this process (off: commands wait for another coordinator's dispatcher). */
  @WithDefault("true")
  boolean enabled();
}
