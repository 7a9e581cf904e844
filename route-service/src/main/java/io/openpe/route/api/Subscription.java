package io.openpe.route.api;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream's registration with {@code Routers}, closed exactly once whichever comes first: the stream ending (the
 * client cancelled, or it was cut off) or the registration arriving after the stream already ended.
 */
final class Subscription {

    private static final AutoCloseable ENDED = () -> { };

    private final AtomicReference<AutoCloseable> registration = new AtomicReference<>();

    void set(AutoCloseable subscribed) {
        if (!registration.compareAndSet(null, subscribed)) {
            close(subscribed);
        }
    }

    void end() {
        AutoCloseable previous = registration.getAndSet(ENDED);
        if (previous != null && previous != ENDED) {
            close(previous);
        }
    }

    private static void close(AutoCloseable subscribed) {
        try {
            subscribed.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not end a watch registration", e);
        }
    }
}
