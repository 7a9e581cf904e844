package io.openpe.lab;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the lab's own processes, each by its pid. */
final class Processes {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /** The interval between two looks at a condition that has no event to wait on (a file appearing). */
    static void pause(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }
}
