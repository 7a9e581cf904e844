package io.openpe.intent.validation;

import io.openpe.intent.model.Intents;
import java.util.List;

/** The objects that won their conflicts, and an error for each object that lost, naming the winner. */
public record ConflictResolution(Intents winners, List<ResourceError> rejected) {
  public ConflictResolution {
    rejected = List.copyOf(rejected);
  }
}
