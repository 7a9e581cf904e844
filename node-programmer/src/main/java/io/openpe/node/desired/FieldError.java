package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.SourceRef;
import java.util.Optional;

/**
 * One field of a plan that breaks a rule.
 *
 * @param field  the field's path in the plan, in the proto JSON names: {@code l3Domains[0].vrf}
 * @param source the intent the field belongs to; empty for the plan's own fields
 * @param reason why, with the offending value quoted and escaped
 */
public record FieldError(String field, Optional<SourceRef> source, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
