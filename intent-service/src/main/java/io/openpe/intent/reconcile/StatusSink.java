package io.openpe.intent.reconcile;

import io.openpe.intent.status.ObjectStatus;
import java.util.Collection;

/** Where per-object status goes: the Kubernetes status subresource in Kubernetes mode, nowhere otherwise. */
public interface StatusSink {

    /** Called after every reconcile round with the status of every object intent-service knows. */
    void publish(Collection<ObjectStatus> statuses);

    StatusSink NONE = statuses -> {
    };

    /** Both sinks, in order. */
    static StatusSink both(StatusSink first, StatusSink second) {
        return statuses -> {
            first.publish(statuses);
            second.publish(statuses);
        };
    }
}
