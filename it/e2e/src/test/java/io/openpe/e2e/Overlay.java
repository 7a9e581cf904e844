package io.openpe.e2e;

import static org.awaitility.Awaitility.await;

import io.openpe.lab.Workload;
import java.time.Duration;

/** Waits shared by the tests: conditions, never fixed sleeps. */
final class Overlay {

    /** How long the fabric may take to carry a new workload's first packet (type-2/3 routes, ARP). */
    static final Duration CONVERGE = Duration.ofSeconds(90);

    private Overlay() {
    }

    static void awaitReachable(Workload from, String ip) {
        await("workload " + from.name() + " reaches " + ip).atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                .until(() -> from.reaches(ip));
    }
}
