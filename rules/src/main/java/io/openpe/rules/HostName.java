package io.openpe.rules;

import java.util.regex.Pattern;

/**
 * A DNS host name (RFC 1123 §2.1, the form Kubernetes requires of node names): dot-separated labels of ASCII letters,
 * digits and {@code -}, each 1 to 63 characters, neither starting nor ending with {@code -}, at most 253 in all.
 * Node names and the BMP collector's name (when it is not an address) follow it.
 */
public final class HostName {
  public static final int MAX_LENGTH = 253;
  private static final Pattern LABEL = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");

  private HostName() {
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters, got " + name.length());
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("must be a DNS name (RFC 1123: labels of letters, digits and '-',"
            + " 1 to 63 characters, separated by dots), got " + Quoted.of(name));
      }
    }
    return name;
  }

  /** An IP address or a host name: where a collector can be reached. */
  public static String requireAddressOrName(String target) {
    if (target != null && !target.isEmpty() && (target.indexOf(':') >= 0
        || target.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')))) {
      IpAddress.parse(target);
      return target;
    }
    return requireValid(target);
  }
}
