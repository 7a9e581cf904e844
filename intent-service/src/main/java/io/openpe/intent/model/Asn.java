package io.openpe.intent.model;

import io.openpe.rules.NumberRange;

/** BGP autonomous system number, 4 bytes (RFC 6793); 0 is reserved (RFC 7607). */
public record Asn(long value) {
  public static final long MIN = NumberRange.ASN.min();
  public static final long MAX = NumberRange.ASN.max();

  public Asn {
    NumberRange.ASN.requireValid(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
