package io.openpe.intent.model;

import io.openpe.rules.NumberRange;

/** VXLAN network identifier: 24 bits, 0 reserved (RFC 7348 §5). */
public record Vni(long value) implements Comparable<Vni> {
  public static final long MIN = NumberRange.VNI.min();
  public static final long MAX = NumberRange.VNI.max();

  public Vni {
    NumberRange.VNI.requireValid(value);
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
