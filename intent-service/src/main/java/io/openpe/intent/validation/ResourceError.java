package io.openpe.intent.validation;

import io.openpe.intent.model.ObjectId;
import java.util.Objects;

/** One reason why an object is not applied, naming the object and the field (a path such as "spec.vni"). */
public record ResourceError(ObjectId object, String field, String reason) {
  public ResourceError {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  /** "L2VNI openperouter-system/layer2: spec.vni: must be between 1 and 16777215, got 0". */
  public String message() {
    return object + ": " + field + ": " + reason;
  }
}
