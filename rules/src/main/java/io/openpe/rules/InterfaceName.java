package io.openpe.rules;

import java.util.regex.Pattern;

/**
 * The rule for VRF and interface names (DESIGN §3): an ASCII letter, then ASCII letters, digits, {@code _} and
 * {@code -}, at most 15 characters (the kernel's IFNAMSIZ - 1). Nothing else can reach a Linux device name, an
 * {@code ip} command or an FRR line: no whitespace, no quote, no shell or iproute2 metacharacter.
 */
public final class InterfaceName {
  public static final int MAX_LENGTH = 15;
  public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_-]*$");

  private InterfaceName() {
  }

  /** @throws IllegalArgumentException with the user-facing reason */
  public static String requireValid(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    if (!PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException("must match " + PATTERN.pattern() + ", got " + Quoted.of(name));
    }
    if (name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters, got " + name.length()
          + " in " + Quoted.of(name));
    }
    return name;
  }
}
