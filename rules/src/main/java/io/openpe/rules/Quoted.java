package io.openpe.rules;

/**
 * A rejected value as a reason quotes it: in double quotes, with control characters, quotes, backslashes and
 * non-ASCII written as Java escapes, so that a hostile value can neither forge a log line nor hide what it holds.
 * Printable ASCII is quoted as is, which keeps every message about ordinary typos exactly as written.
 */
public final class Quoted {
  private static final int MAX_SHOWN = 80;

  private Quoted() {
  }

  public static String of(String value) {
    if (value == null) {
      return "\"null\"";
    }
    StringBuilder out = new StringBuilder("\"");
    int shown = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (value.length() > shown) {
      out.append("...(").append(value.length()).append(" characters)");
    }
    return out.append('"').toString();
  }
}
