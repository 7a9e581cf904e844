package io.openpe.rules;

/**
 * An inclusive range of whole numbers a field must fall in. The ranges openpe applies: {@link #VNI} (24 bits, 0
 * reserved: RFC 7348 §5), {@link #ASN} (4 bytes, RFC 6793; 0 reserved, RFC 7607), {@link #PORT} (a TCP or UDP port),
 * {@link #MTU} (the IPv6 minimum link MTU, RFC 8200 §5, up to the largest an IP packet can be).
 */
public record NumberRange(long min, long max) {
  public static final NumberRange VNI = new NumberRange(1, 16_777_215);
  public static final NumberRange ASN = new NumberRange(1, 4_294_967_295L);
  public static final NumberRange PORT = new NumberRange(1, 65_535);
  public static final NumberRange MTU = new NumberRange(1280, 65_535);

  public NumberRange {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
  }

  public boolean contains(long value) {
    return value >= min && value <= max;
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public long requireValid(long value) {
    if (!contains(value)) {
      throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
