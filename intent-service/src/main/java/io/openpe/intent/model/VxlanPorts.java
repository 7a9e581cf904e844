package io.openpe.intent.model;

/** The VXLAN UDP destination port rule; 0 stands for "not set" inside the intent records. */
public final class VxlanPorts {
  /** IANA-assigned VXLAN port (RFC 7348 §5). */
  public static final int IANA = 4789;

  private VxlanPorts() {
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static int requireValid(long port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("must be between 1 and 65535, got " + port);
    }
    return (int) port;
  }

  static void requireValidOrUnset(int port) {
    if (port != 0) {
      requireValid(port);
    }
  }
}
