package io.openpe.node.reconcile;

import java.time.Duration;

/**
 * Delay before the n-th retry in a row: doubling from {@code first}, capped at {@code max}. A transient Kafka or FRR
 * failure is retried within a second; a lasting one stops costing more than one attempt per {@code max}.
 */
public record Backoff(Duration first, Duration max) {

    public Duration delay(int failuresInARow) {
        if (failuresInARow <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failuresInARow - 1, 30);
        long millis = first.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
