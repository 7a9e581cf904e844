package io.openpe.intent.validation;

import io.openpe.intent.model.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Collects every error of one object. The model's constructors carry the rules and throw
 * {@link IllegalArgumentException} with the reason; {@link #check} turns that into an error on a field.
 */
final class FieldErrors {
  static final String REQUIRED = "is required";

  private final ObjectId object;
  private final List<ResourceError> errors = new ArrayList<>();

  FieldErrors(ObjectId object) {
    this.object = object;
  }

  void add(String field, String reason) {
    errors.add(new ResourceError(object, field, reason));
  }

  <T> Optional<T> check(String field, Supplier<T> value) {
    try {
      return Optional.of(value.get());
    } catch (IllegalArgumentException e) {
      add(field, e.getMessage());
      return Optional.empty();
    }
  }

  /** Like {@link #check}, but an absent raw value is an error of its own. */
  <T> Optional<T> required(String field, Object raw, Supplier<T> value) {
    if (raw == null) {
      add(field, REQUIRED);
      return Optional.empty();
    }
    return check(field, value);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<ResourceError> all() {
    return List.copyOf(errors);
  }
}
