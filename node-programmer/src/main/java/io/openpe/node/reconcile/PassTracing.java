package io.openpe.node.reconcile;

import io.openpe.node.desired.NodePlan;

/**
 * How a pass of the loop joins the trace of the plan it converges to. The tracing itself (OpenTelemetry, the record's
 * {@code traceparent}) is an edge's ({@code io.openpe.node.trace.PlanTraces}); the loop only opens a pass, says how it
 * ended and closes it, all on its worker thread, with the report to the status sink inside.
 */
@FunctionalInterface
public interface PassTracing {

    /** No tracing: every pass is {@link Pass#UNTRACED}. */
    PassTracing NONE = plan -> Pass.UNTRACED;

    /** Opens the pass over {@code plan}; close it when the pass is over, reported or failed. */
    Pass start(NodePlan plan);

    /** One pass in the trace, current on the loop's thread until closed. */
    interface Pass extends AutoCloseable {

        Pass UNTRACED = new Pass() {
            @Override
            public void reported(Convergence convergence) {
            }

            @Override
            public void failed(RuntimeException e) {
            }

            @Override
            public void close() {
            }
        };

        /** The pass converged (or failed objects) and the status sink stored its report. */
        void reported(Convergence convergence);

        /** The pass threw: the enactment or the report failed, and the loop retries. */
        void failed(RuntimeException e);

        @Override
        void close();
    }
}
