package io.openpe.intent.plan;

import io.openpe.intent.model.VxlanPorts;
import java.util.Objects;
import java.util.Optional;

/** Fleet-wide settings the plans depend on. */
public record PlanSettings(Optional<BmpTarget> bmp, int underlayMtu, int defaultVxlanPort) {
  public static final int DEFAULT_UNDERLAY_MTU = 1500;
  public static final PlanSettings DEFAULTS = new PlanSettings(Optional.empty(), DEFAULT_UNDERLAY_MTU, VxlanPorts.IANA);

  public PlanSettings {
    Objects.requireNonNull(bmp, "bmp");
    if (underlayMtu < 1280 || underlayMtu > 65535) {
      throw new IllegalArgumentException("underlay MTU must be between 1280 and 65535, got " + underlayMtu);
    }
    VxlanPorts.requireValid(defaultVxlanPort);
  }
}
