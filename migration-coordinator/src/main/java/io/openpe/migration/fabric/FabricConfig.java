package io.openpe.migration.fabric;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code openpe.migration.route-service*}: where the fabric's MAC locations are asked. */
@ConfigMapping(prefix = "openpe.migration")
public interface FabricConfig {

  /** route-service's gRPC address ({@code host:port}). Absent: the MAC is never seen, verification warns. */
  Optional<String> routeService();

  /**
   * How long one verify command watches for the MAC behind the target (WatchMac) before it answers with where the MAC
   * is; the saga then asks again after its poll interval. Keep it below {@code saga.result-timeout}.
   */
  @WithDefault("10s")
  Duration routeServiceWatch();
}
