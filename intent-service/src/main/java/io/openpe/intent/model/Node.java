package io.openpe.intent.model;

import java.util.Map;
import java.util.Objects;

/** A node as the planner sees it: its name, its stable index (DESIGN §4) and its labels. */
public record Node(String name, int index, Map<String, String> labels) {
  public Node {
    Objects.requireNonNull(name, "name");
    if (index < 0) {
      throw new IllegalArgumentException("node index must not be negative, got " + index);
    }
    labels = Map.copyOf(labels);
  }
}
