package io.openpe.rules;

/**
 * An IPv4 or IPv6 address as a 128-bit number ({@code high}:{@code low}); IPv4 uses the low 32 bits. Parsed without
 * {@link java.net.InetAddress}, which accepts forms like "10.1" and would resolve host names.
 */
public record IpAddress(long high, long low, boolean v6) implements Comparable<IpAddress> {

  public IpAddress {
    if (!v6 && (high != 0 || (low >>> 32) != 0)) {
      throw new IllegalArgumentException("IPv4 address out of range");
    }
  }

  public static IpAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("must be an IP address, got \"\"");
    }
    return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
  }

  public int bits() {
    return v6 ? 128 : 32;
  }

  /** This address plus {@code n}; throws when the result leaves the address family. */
  public IpAddress plus(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative offset " + n);
    }
    if (!v6) {
      long sum = low + n;
      if (sum < low || (sum >>> 32) != 0) {
        throw new IllegalArgumentException("address overflow");
      }
      return new IpAddress(0, sum, false);
    }
    long newLow = low + n;
    long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
    long newHigh = high + carry;
    if (carry == 1 && newHigh == 0) {
      throw new IllegalArgumentException("address overflow");
    }
    return new IpAddress(newHigh, newLow, true);
  }

  @Override
  public int compareTo(IpAddress other) {
    if (v6 != other.v6) {
      return v6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(high, other.high);
    return c != 0 ? c : Long.compareUnsigned(low, other.low);
  }

  @Override
  public String toString() {
    return v6 ? formatV6() : formatV4();
  }

  private String formatV4() {
    return ((low >>> 24) & 0xff) + "." + ((low >>> 16) & 0xff) + "." + ((low >>> 8) & 0xff) + "." + (low & 0xff);
  }

  /** RFC 5952 §4: lowercase, no leading zeros, the longest run (first on a tie) of two or more zero groups as "::". */
  private String formatV6() {
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) ((high >>> (48 - 16 * i)) & 0xffff);
      groups[i + 4] = (int) ((low >>> (48 - 16 * i)) & 0xffff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  private static IpAddress parseV4(String text) {
    long value = parseDotted(text);
    if (value < 0) {
      throw new IllegalArgumentException("must be an IP address, got " + Quoted.of(text));
    }
    return new IpAddress(0, value, false);
  }

  /** Four decimal octets without leading zeros; -1 when the text is not one. */
  static long parseDotted(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return -1;
      }
      int octet = 0;
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        octet = octet * 10 + (c - '0');
      }
      if (octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  private static IpAddress parseV6(String text) {
    IllegalArgumentException invalid =
        new IllegalArgumentException("must be an IP address, got " + Quoted.of(text));
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      throw invalid;
    }
    int[] head = doubleColon >= 0 ? groups(text.substring(0, doubleColon), invalid) : groups(text, invalid);
    int[] tail = doubleColon >= 0 ? groups(text.substring(doubleColon + 2), invalid) : new int[0];
    int total = head.length + tail.length;
    if ((doubleColon < 0 && total != 8) || (doubleColon >= 0 && total > 7)) {
      throw invalid;
    }
    int[] all = new int[8];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 4; i++) {
      high = (high << 16) | all[i];
      low = (low << 16) | all[i + 4];
    }
    return new IpAddress(high, low, true);
  }

  /** Colon-separated 16-bit groups; a dotted IPv4 tail counts as two groups (RFC 4291 §2.2). */
  private static int[] groups(String text, IllegalArgumentException invalid) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] parts = text.split(":", -1);
    int[] out = new int[parts.length + 1];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == parts.length - 1 && part.indexOf('.') >= 0) {
        long v4 = parseDotted(part);
        if (v4 < 0) {
          throw invalid;
        }
        out[n++] = (int) (v4 >>> 16);
        out[n++] = (int) (v4 & 0xffff);
        continue;
      }
      if (part.isEmpty() || part.length() > 4) {
        throw invalid;
      }
      int group = 0;
      for (int k = 0; k < part.length(); k++) {
        int digit = Character.digit(part.charAt(k), 16);
        if (digit < 0) {
          throw invalid;
        }
        group = (group << 4) | digit;
      }
      out[n++] = group;
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
