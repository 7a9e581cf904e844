package io.openpe.route.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last {@code capacity} openpe.evpn-routes records of this service, each numbered by a per-service sequence
 * (1, 2, ...), so that a watcher that lost its stream can get exactly what came after the last record it saw, while
 * that is still here. Not thread-safe: the caller serialises calls.
 */
public final class RecentChanges {

    /** A record and its sequence number. */
    public record Sequenced(long sequence, Outbound record) {
    }

    private final Outbound[] ring;
    private long last;

    public RecentChanges(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, is " + capacity);
        }
        this.ring = new Outbound[capacity];
    }

    /** Numbers and keeps {@code records}, evicting the oldest beyond the capacity. */
    public List<Sequenced> append(List<Outbound> records) {
        List<Sequenced> out = new ArrayList<>(records.size());
        for (Outbound record : records) {
            last++;
            ring[(int) (last % ring.length)] = record;
            out.add(new Sequenced(last, record));
        }
        return out;
    }

    /** The sequence of the newest record, 0 before the first. */
    public long last() {
        return last;
    }

    /**
     * Every record after sequence {@code after}, oldest first; empty when some of them were already evicted or
     * {@code after} is not a sequence this log has reached.
     */
    public Optional<List<Sequenced>> after(long after) {
        if (after < 0 || after > last || after < last - ring.length) {
            return Optional.empty();
        }
        List<Sequenced> out = new ArrayList<>((int) (last - after));
        for (long s = after + 1; s <= last; s++) {
            out.add(new Sequenced(s, ring[(int) (s % ring.length)]));
        }
        return Optional.of(out);
    }
}
