package io.openpe.intent.reconcile;

import io.openpe.intent.fleet.FleetFinding;
import java.util.List;

/** What the reconciler reports about each round, for metrics. The reconciler itself knows no metrics library. */
public interface ReconcileObserver {

    /** One plan round: how many nodes were planned, how many plans changed and were published, and how long it took. */
    void round(int nodes, int plansPublished, long nanos);

    /** An object was rejected by validation (per-object rules). */
    void rejected(String kind);

    /** The current size of the state after a round. */
    void state(int acceptedIntents, int invalidObjects, int nodes, int conflictLosers);

    /** The findings of the last fleet check (every one, after every round and every change of another cluster). */
    void fleet(List<FleetFinding> findings);

    ReconcileObserver NONE = new ReconcileObserver() {
        @Override
        public void round(int nodes, int plansPublished, long nanos) {
        }

        @Override
        public void rejected(String kind) {
        }

        @Override
        public void state(int acceptedIntents, int invalidObjects, int nodes, int conflictLosers) {
        }

        @Override
        public void fleet(List<FleetFinding> findings) {
        }
    };
}
