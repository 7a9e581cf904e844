package io.openpe.intent.plan;

/** Where FRR streams BMP (RFC 7854) to: route-service. */
public record BmpTarget(String address, int port) {
  public BmpTarget {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("BMP port must be between 1 and 65535, got " + port);
    }
  }
}
