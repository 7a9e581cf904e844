package io.openpe.deploy;

/** One rule a rendered object breaks, as {@code Kind namespace/name: rule}. */
public record Violation(String object, String rule) {
  @Override
  public String toString() {
    return object + ": " + rule;
  }
}
