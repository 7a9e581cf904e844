package io.openpe.rules;

/**
 * A BGP route target as written in FRR: "ASN:NN" or "IPv4:NN" (RFC 4360 §4, RFC 5668). A 2-byte ASN takes a 4-byte
 * number; a 4-byte ASN and an IPv4 address take a 2-byte number.
 */
public record RouteTarget(String administrator, long assignedNumber) {

  private static final long TWO_BYTES = 65_535;
  private static final long FOUR_BYTES = 4_294_967_295L;

  public RouteTarget {
    String text = administrator + ":" + assignedNumber;
    if (administrator == null || assignedNumber < 0) {
      throw new IllegalArgumentException("must be ASN:NN or IPv4:NN, got " + Quoted.of(text));
    }
    if (administrator.indexOf('.') >= 0) {
      if (IpAddress.parseDotted(administrator) < 0) {
        throw new IllegalArgumentException("must be ASN:NN or IPv4:NN, got " + Quoted.of(text));
      }
      requireAtMost(assignedNumber, TWO_BYTES, "an IPv4 administrator", text);
    } else {
      long asn = decimal(administrator, "must be ASN:NN or IPv4:NN, got " + Quoted.of(text));
      if (!NumberRange.ASN.contains(asn)) {
        throw new IllegalArgumentException("ASN must be between 1 and 4294967295 in " + Quoted.of(text));
      }
      boolean twoByteAsn = asn <= TWO_BYTES;
      requireAtMost(assignedNumber, twoByteAsn ? FOUR_BYTES : TWO_BYTES, twoByteAsn ? "a 2-byte ASN" : "a 4-byte ASN",
          text);
      administrator = Long.toString(asn);
    }
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static RouteTarget parse(String text) {
    String shape = "must be ASN:NN or IPv4:NN, got " + Quoted.of(text);
    if (text == null) {
      throw new IllegalArgumentException(shape);
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon != text.lastIndexOf(':') || colon == text.length() - 1) {
      throw new IllegalArgumentException(shape);
    }
    return new RouteTarget(text.substring(0, colon), decimal(text.substring(colon + 1), shape));
  }

  private static void requireAtMost(long number, long max, String what, String text) {
    if (number > max) {
      throw new IllegalArgumentException("the number after " + what + " must be between 0 and " + max + " in \""
          + text + "\"");
    }
  }

  private static long decimal(String text, String shape) {
    if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(shape);
    }
    return Long.parseLong(text);
  }

  @Override
  public String toString() {
    return administrator + ":" + assignedNumber;
  }
}
