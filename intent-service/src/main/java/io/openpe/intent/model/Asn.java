package io.openpe.intent.model;

/** BGP autonomous system number, 4 bytes (RFC 6793); 0 is reserved (RFC 7607). */
public record Asn(long value) {
  public static final long MIN = 1;
  public static final long MAX = 4_294_967_295L;

  public Asn {
    if (value < MIN || value > MAX) {
      throw new IllegalArgumentException("must be between " + MIN + " and " + MAX + ", got " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
