package io.openpe.route.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-off between BMP sessions and the Kafka publisher. Sessions never block on it (they run on event
 * loops): they add what one BMP message produced, then ask {@link #saturated()}; when it says yes they stop reading
 * their socket and register a resume callback with {@link #whenDrained(Runnable)}, which runs once the publisher has
 * brought the queue down to the low watermark. The queue thus holds at most the high watermark plus what the
 * messages already read when the sessions paused produced: memory stays bounded while Kafka is slow (DESIGN §6).
 */
public final class PublishQueue {

    private final int highWatermark;
    private final int lowWatermark;
    private final ArrayDeque<Outbound> items = new ArrayDeque<>();
    private final List<Runnable> waiting = new ArrayList<>();
    private long pauses;

    public PublishQueue(int highWatermark) {
        if (highWatermark < 2) {
            throw new IllegalArgumentException("high watermark must be at least 2, is " + highWatermark);
        }
        this.highWatermark = highWatermark;
        this.lowWatermark = highWatermark / 2;
    }

    /** Appends the records of one BMP message, in order. Never blocks. */
    public synchronized void addAll(List<Outbound> records) {
        if (records.isEmpty()) {
            return;
        }
        items.addAll(records);
        notifyAll();
    }

    /** Whether producers should stop reading until {@link #whenDrained} calls them back. */
    public synchronized boolean saturated() {
        return items.size() >= highWatermark;
    }

    /** Runs {@code resume} once the queue is at or below the low watermark (at once if it already is). */
    public void whenDrained(Runnable resume) {
        synchronized (this) {
            if (items.size() > lowWatermark) {
                waiting.add(resume);
                pauses++;
                return;
            }
        }
        resume.run();
    }

    /**
     * Up to {@code max} records in queue order, waiting up to {@code timeout} for the first; empty when none arrived.
     * Taking many under one lock keeps the publisher from paying a lock hand-off per record.
     */
    public List<Outbound> take(int max, long timeout, TimeUnit unit) throws InterruptedException {
        List<Runnable> resume = List.of();
        List<Outbound> taken;
        synchronized (this) {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            taken = new ArrayList<>(Math.min(max, items.size()));
            while (taken.size() < max && !items.isEmpty()) {
                taken.add(items.poll());
            }
            if (!waiting.isEmpty() && items.size() <= lowWatermark) {
                resume = List.copyOf(waiting);
                waiting.clear();
            }
        }
        resume.forEach(Runnable::run);
        return taken;
    }

    public synchronized int size() {
        return items.size();
    }

    /** How many times a session had to pause for this queue. */
    public synchronized long pauses() {
        return pauses;
    }

    public int highWatermark() {
        return highWatermark;
    }
}
