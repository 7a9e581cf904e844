package io.openpe.intent.model;

/** VXLAN network identifier: 24 bits, 0 reserved (RFC 7348 §5). */
public record Vni(long value) implements Comparable<Vni> {
  public static final long MIN = 1;
  public static final long MAX = 16_777_215;

  public Vni {
    if (value < MIN || value > MAX) {
      throw new IllegalArgumentException("must be between " + MIN + " and " + MAX + ", got " + value);
    }
  }

  @Override
  public int compareTo(Vni other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
