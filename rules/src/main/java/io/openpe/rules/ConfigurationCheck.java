package io.openpe.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The checks a service runs on its configuration at start: every key that breaks a rule is collected with its value
 * and the rule's reason, so that one failed start names all of them (not only the first). The rules are the ones in
 * this package, so that a VNI or a port is refused for the same reason in a configuration key as in an intent.
 */
public final class ConfigurationCheck {
  private final List<String> problems = new ArrayList<>();

  /** Applies {@code rule} to {@code value}; a rule's {@link IllegalArgumentException} becomes a problem of {@code key}. */
  public <T> ConfigurationCheck check(String key, T value, Consumer<T> rule) {
    try {
      rule.accept(value);
    } catch (IllegalArgumentException e) {
      problems.add(key + "=" + value + ": " + e.getMessage());
    }
    return this;
  }

  public ConfigurationCheck range(String key, long value, NumberRange range) {
    return check(key, value, range::requireValid);
  }

  public ConfigurationCheck atLeast(String key, long value, long min) {
    return range(key, value, new NumberRange(min, Long.MAX_VALUE));
  }

  /** A duration of at least {@code min}. */
  public ConfigurationCheck atLeast(String key, Duration value, Duration min) {
    return check(key, value, d -> {
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException("must be at least " + min + ", got " + d);
      }
    });
  }

  /** A duration above zero (an interval or a timeout). */
  public ConfigurationCheck positive(String key, Duration value) {
    return check(key, value, d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be positive, got " + d);
      }
    });
  }

  /** One of {@code allowed}, as written (case matters). */
  public ConfigurationCheck oneOf(String key, String value, List<String> allowed) {
    return check(key, value, v -> {
      if (!allowed.contains(v)) {
        throw new IllegalArgumentException("must be one of " + String.join(", ", allowed) + ", got " + Quoted.of(v));
      }
    });
  }

  public ConfigurationCheck notBlank(String key, String value) {
    return check(key, value, v -> {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("must not be empty");
      }
    });
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** @throws IllegalArgumentException naming every key that broke a rule, with its value and the reason */
  public void requireNoProblems() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
    }
  }
}
