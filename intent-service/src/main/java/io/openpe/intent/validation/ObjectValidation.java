package io.openpe.intent.validation;

import io.openpe.intent.model.Intent;
import java.util.List;
import java.util.Objects;

/** The outcome of validating one object on its own. */
public sealed interface ObjectValidation {

  record Accepted(Intent intent) implements ObjectValidation {
    public Accepted {
      Objects.requireNonNull(intent, "intent");
    }
  }

  record Rejected(List<ResourceError> errors) implements ObjectValidation {
    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one error");
      }
    }
  }
}
