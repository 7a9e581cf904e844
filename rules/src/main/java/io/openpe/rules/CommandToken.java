package io.openpe.rules;

import java.util.regex.Pattern;

/**
 * One value placed into a command line a root process reads ({@code ip -batch}) or a line of FRR configuration: what
 * the builders of those texts require of every value they interpolate, whatever validated it before (defence in
 * depth, issue 10). A token is ASCII letters, digits and {@code . : / _ -}, does not start with {@code -} (no option
 * injection) and is at most {@value #MAX_LENGTH} characters: so it can hold a name, a number, an address, a CIDR, a
 * MAC or a route target, and can never end a line, start a second command, split into two arguments or open a quote.
 */
public final class CommandToken {
  public static final int MAX_LENGTH = HostName.MAX_LENGTH;
  public static final Pattern PATTERN = Pattern.compile("^[a-zA-Z0-9._:/][a-zA-Z0-9._:/-]*$");

  private CommandToken() {
  }

  /** @throws IllegalArgumentException with the reason, the value quoted escaped ({@link Quoted}) */
  public static String requireSafe(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a command token must not be empty");
    }
    if (token.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a command token must be at most " + MAX_LENGTH + " characters, got "
          + token.length() + " in " + Quoted.of(token));
    }
    if (!PATTERN.matcher(token).matches()) {
      throw new IllegalArgumentException("a command token must match " + PATTERN.pattern() + ", got "
          + Quoted.of(token));
    }
    return token;
  }

  /** An interface or VRF name as a token: the token rule and {@link InterfaceName}'s (at most 15 characters). */
  public static String requireInterfaceName(String name) {
    try {
      return InterfaceName.requireValid(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an interface name " + e.getMessage(), e);
    }
  }

  /**
   * A whole command or configuration line, as it is written out: printable ASCII only, so that it stays one line
   * (no newline, carriage return, NUL or other control character) whatever built it.
   */
  public static String requireOneLine(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("a command line must be printable ASCII on one line, got "
            + Quoted.of(line));
      }
    }
    return line;
  }
}
