package io.openpe.rules;

import java.util.regex.Pattern;

/**
 * The name or namespace of an intent object as a plan names it (the Kubernetes object-name alphabet, DNS-1123
 * subdomain, either case): letters, digits, {@code .}, {@code _} and {@code -}, starting and ending with a letter or
 * digit, at most 253 characters. Such names only label results; the rule keeps them printable in status and logs.
 */
public final class ObjectName {
  public static final int MAX_LENGTH = 253;
  private static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$");

  private ObjectName() {
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (name.length() > MAX_LENGTH || !PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException("must be an object name (letters, digits, '.', '_', '-', at most "
          + MAX_LENGTH + " characters), got " + Quoted.of(name));
    }
    return name;
  }
}
