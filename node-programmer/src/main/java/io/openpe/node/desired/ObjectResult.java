package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.SourceRef;
import java.util.Optional;

/**
 * What happened to one kernel or FRR object in an apply.
 *
 * @param object e.g. {@code bridge br-pe-110}, {@code frr config}
 * @param source the intent it serves; empty for stale objects that were removed
 */
public record ObjectResult(String object, Optional<SourceRef> source, State state, String reason) {

    public enum State {
        /** In place: unchanged, created, modified or deleted as asked. */
        APPLIED,
        FAILED
    }

    public static ObjectResult applied(String object, Optional<SourceRef> source) {
        return new ObjectResult(object, source, State.APPLIED, "");
    }

    public static ObjectResult failed(String object, Optional<SourceRef> source, String reason) {
        return new ObjectResult(object, source, State.FAILED, reason);
    }

    public boolean failed() {
        return state == State.FAILED;
    }
}
