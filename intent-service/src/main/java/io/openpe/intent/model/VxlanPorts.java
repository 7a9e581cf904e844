package io.openpe.intent.model;

import io.openpe.rules.NumberRange;

/** The VXLAN UDP destination port rule; 0 stands for "not set" inside the intent records. */
public final class VxlanPorts {
  /** IANA-assigned VXLAN port (RFC 7348 §5). */
  public static final int IANA = 4789;

  private VxlanPorts() {
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static int requireValid(long port) {
    return (int) NumberRange.PORT.requireValid(port);
  }

  static void requireValidOrUnset(int port) {
    if (port != 0) {
      requireValid(port);
    }
  }
}
