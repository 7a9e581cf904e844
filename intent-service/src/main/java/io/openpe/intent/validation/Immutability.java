package io.openpe.intent.validation;

import java.util.Optional;

/**
 * DESIGN §3: gateway IPs and local CIDRs never change after creation, because workloads and host sessions already use
 * them; setting or removing one counts as a change.
 */
final class Immutability {
  private Immutability() {
  }

  static <T> void require(String field, Optional<T> before, Optional<T> after, FieldErrors errors) {
    if (!before.equals(after)) {
      errors.add(field, "is immutable after creation, was " + before.map(Object::toString).orElse("unset")
          + ", got " + after.map(Object::toString).orElse("unset"));
    }
  }
}
