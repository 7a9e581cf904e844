package io.openpe.intent.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Kubernetes label selector (matchLabels AND matchExpressions). The empty selector selects every node.
 */
public record NodeSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public static final NodeSelector ALL = new NodeSelector(Map.of(), List.of());

  public NodeSelector {
    matchLabels = Map.copyOf(matchLabels);
    matchExpressions = List.copyOf(matchExpressions);
  }

  public boolean selectsAll() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    for (Requirement requirement : matchExpressions) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The operators of a label selector requirement, spelled as in Kubernetes. */
  public enum Operator {
    In, NotIn, Exists, DoesNotExist
  }

  /** One matchExpressions entry. In/NotIn need values; Exists/DoesNotExist take none. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    public Requirement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(operator, "operator");
      values = Set.copyOf(values);
      boolean needsValues = operator == Operator.In || operator == Operator.NotIn;
      if (needsValues && values.isEmpty()) {
        throw new IllegalArgumentException("values must not be empty for operator " + operator);
      }
      if (!needsValues && !values.isEmpty()) {
        throw new IllegalArgumentException("values must be empty for operator " + operator);
      }
    }

    /** Kubernetes semantics: NotIn also matches when the label is absent. */
    public boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case In -> value != null && values.contains(value);
        case NotIn -> value == null || !values.contains(value);
        case Exists -> value != null;
        case DoesNotExist -> value == null;
      };
    }
  }
}
