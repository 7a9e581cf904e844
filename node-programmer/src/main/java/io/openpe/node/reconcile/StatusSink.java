package io.openpe.node.reconcile;

/** Where the loop reports each convergence ({@code openpe.node-status}). Throws when the report was not stored. */
@FunctionalInterface
public interface StatusSink {

    void report(Convergence convergence);
}
