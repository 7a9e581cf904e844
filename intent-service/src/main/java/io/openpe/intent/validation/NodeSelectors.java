package io.openpe.intent.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.openpe.intent.model.NodeSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code spec.nodeSelector} of any kind, from the fabric8 LabelSelector. */
final class NodeSelectors {
  private static final String OPERATORS = "In, NotIn, Exists, DoesNotExist";

  private NodeSelectors() {
  }

  static Optional<NodeSelector> fromCr(LabelSelector selector, FieldErrors errors) {
    if (selector == null) {
      return Optional.of(NodeSelector.ALL);
    }
    Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    List<NodeSelector.Requirement> requirements = new ArrayList<>();
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
        : selector.getMatchExpressions();
    boolean valid = true;
    for (int i = 0; i < expressions.size(); i++) {
      Optional<NodeSelector.Requirement> requirement = requirementFromCr(expressions.get(i),
          "spec.nodeSelector.matchExpressions[" + i + "]", errors);
      valid &= requirement.isPresent();
      requirement.ifPresent(requirements::add);
    }
    return valid ? Optional.of(new NodeSelector(labels, requirements)) : Optional.empty();
  }

  private static Optional<NodeSelector.Requirement> requirementFromCr(LabelSelectorRequirement expression,
      String field, FieldErrors errors) {
    if (expression.getKey() == null || expression.getKey().isEmpty()) {
      errors.add(field + ".key", FieldErrors.REQUIRED);
      return Optional.empty();
    }
    Optional<NodeSelector.Operator> operator = Arrays.stream(NodeSelector.Operator.values())
        .filter(o -> o.name().equals(expression.getOperator())).findFirst();
    if (operator.isEmpty()) {
      errors.add(field + ".operator", "must be one of " + OPERATORS + ", got \"" + expression.getOperator() + "\"");
      return Optional.empty();
    }
    List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
    return errors.check(field + ".values",
        () -> new NodeSelector.Requirement(expression.getKey(), operator.get(), Set.copyOf(values)));
  }
}
