package io.openpe.route.api;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.Executor;

/**
 * What one server-streaming call still has to send, sent only as fast as its client reads (gRPC flow control:
 * {@link ServerCallStreamObserver#isReady()} and the on-ready handler), so that the threads that produce updates (BMP
 * event loops, under a router's lock) never wait for a client. They {@link #offer} and return; a drain task on
 * {@code executor} sends while the transport is ready, one task per call at a time (so calls on the stream are
 * serialised).
 *
 * <p>The buffer is bounded. When it is full, {@link Overflow#CUT_OFF} ends the call with RESOURCE_EXHAUSTED and
 * {@link Overflow#LATEST_WINS} drops the oldest waiting update. A dump handed to {@link #startWith} is sent first
 * and is not counted: it is a snapshot already in memory, read lazily.
 */
final class ClientOutlet<T> {

    enum Overflow {
        /** End the call: the client has to start over (or resume). */
        CUT_OFF,
        /** Drop the oldest waiting update: only the latest matters. */
        LATEST_WINS
    }

    /** Told when the outlet ends the call itself, or when the client cancelled. */
    interface Ending {
        void ended(boolean cutOff);
    }

    private final ServerCallStreamObserver<T> stream;
    private final int capacity;
    private final Overflow overflow;
    private final Executor executor;
    private final String cutOffMessage;
    private final Ending ending;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private Iterator<T> dump = Collections.emptyIterator();
    private boolean draining;
    private boolean overflowed;
    private boolean closed;
    private long dropped;

    ClientOutlet(ServerCallStreamObserver<T> stream, int capacity, Overflow overflow, Executor executor,
            String cutOffMessage, Ending ending) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, is " + capacity);
        }
        this.stream = stream;
        this.capacity = capacity;
        this.overflow = overflow;
        this.executor = executor;
        this.cutOffMessage = cutOffMessage;
        this.ending = ending;
        stream.setOnReadyHandler(this::schedule);
        stream.setOnCancelHandler(this::cancelled);
    }

    /** Sends {@code first} before anything offered (a dump, read as it is sent). */
    synchronized void startWith(Iterator<T> first) {
        dump = first;
        scheduleLocked();
    }

    /** Queues {@code update}; never blocks. */
    void offer(T update) {
        boolean run;
        synchronized (this) {
            if (closed || overflowed) {
                return;
            }
            if (waiting.size() >= capacity) {
                if (overflow == Overflow.CUT_OFF) {
                    overflowed = true;
                    waiting.clear();
                } else {
                    waiting.poll();
                    dropped++;
                    waiting.add(update);
                }
            } else {
                waiting.add(update);
            }
            run = claimDrain();
        }
        if (run) {
            executor.execute(this::drain);
        }
    }

    /** Updates dropped by {@link Overflow#LATEST_WINS} so far. */
    synchronized long dropped() {
        return dropped;
    }

    /** Updates waiting for the client (the dump not counted). */
    synchronized int waiting() {
        return waiting.size();
    }

    private void schedule() {
        boolean run;
        synchronized (this) {
            run = claimDrain();
        }
        if (run) {
            executor.execute(this::drain);
        }
    }

    private void scheduleLocked() {
        if (claimDrain()) {
            executor.execute(this::drain);
        }
    }

    /** Whether the caller is to start the drain task (none runs yet); call with the monitor held. */
    private boolean claimDrain() {
        if (draining || closed) {
            return false;
        }
        draining = true;
        return true;
    }

    private void drain() {
        while (true) {
            T next;
            synchronized (this) {
                if (closed) {
                    draining = false;
                    return;
                }
                if (overflowed) {
                    closed = true;
                    draining = false;
                    break;
                }
                // isReady turns true before the on-ready handler runs; that handler finds draining false and
                // starts a new task, so a stop here loses no wake-up.
                if (!stream.isReady()) {
                    draining = false;
                    return;
                }
                next = dump.hasNext() ? dump.next() : waiting.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            stream.onNext(next);
        }
        stream.onError(Status.RESOURCE_EXHAUSTED.withDescription(cutOffMessage).asRuntimeException());
        ending.ended(true);
    }

    private void cancelled() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.clear();
            dump = Collections.emptyIterator();
        }
        ending.ended(false);
    }
}
