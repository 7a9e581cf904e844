package io.openpe.intent.plan;

import io.openpe.intent.model.VxlanPorts;
import io.openpe.rules.NumberRange;
import java.util.Objects;
import java.util.Optional;

/** Fleet-wide settings the plans depend on. */
public record PlanSettings(Optional<BmpTarget> bmp, int underlayMtu, int defaultVxlanPort) {
  public static final int DEFAULT_UNDERLAY_MTU = 1500;
  public static final PlanSettings DEFAULTS = new PlanSettings(Optional.empty(), DEFAULT_UNDERLAY_MTU, VxlanPorts.IANA);

  public PlanSettings {
    Objects.requireNonNull(bmp, "bmp");
    if (!NumberRange.MTU.contains(underlayMtu)) {
      throw new IllegalArgumentException("underlay MTU " + reasonOf(underlayMtu));
    }
    VxlanPorts.requireValid(defaultVxlanPort);
  }

  private static String reasonOf(int mtu) {
    try {
      NumberRange.MTU.requireValid(mtu);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
