package io.openpe.node.desired;

import java.util.List;

/**
 * A plan the node refused whole because fields of it break the rules: nothing of it reaches the kernel or FRR, and
 * the node keeps converging to the last plan it accepted.
 */
public record PlanRefusal(long generation, String planHash, List<FieldError> errors) {

    public PlanRefusal {
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one field error");
        }
    }

    /** One line for logs and the CLI: every field and reason. */
    public String summary() {
        return "plan generation " + generation + " refused: " + String.join("; ",
                errors.stream().map(FieldError::toString).toList());
    }
}
