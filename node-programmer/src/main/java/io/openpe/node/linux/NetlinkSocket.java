package io.openpe.node.linux;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An rtnetlink socket in one network namespace, for dumps: sends one {@code NLM_F_DUMP} request and collects the
 * multipart reply until {@code NLMSG_DONE}. This class does the framing ({@code nlmsghdr}, errors, sequence
 * numbers); {@link LinkDecoder} decodes the messages. Used by one thread at a time.
 *
 * <p>Layouts and constants: {@code linux/netlink.h}, {@code linux/rtnetlink.h}.
 */
final class NetlinkSocket implements AutoCloseable {

    /** A dump request: its name for error messages, the message type and what follows {@code nlmsghdr}. */
    record Request(String name, int type, byte[] body) {
    }

    /**
     * {@code RTM_GETLINK} with a zero {@code ifinfomsg} (every link, any family) and {@code IFLA_EXT_MASK} (29) =
     * {@code RTEXT_FILTER_SKIP_STATS} (8): the counters are a fifth of each message and we never read them.
     */
    static final Request LINKS = new Request("RTM_GETLINK dump", 18, ByteBuffer.allocate(16 + 8)
            .order(ByteOrder.nativeOrder()).putShort(16, (short) 8).putShort(18, (short) 29).putInt(20, 8).array());
    /** {@code RTM_GETADDR} with a zero {@code ifaddrmsg}: every address, IPv4 and IPv6. */
    static final Request ADDRESSES = new Request("RTM_GETADDR dump", 22, new byte[8]);

    static final int NLMSG_HEADER = 16;
    private static final int NLMSG_NOOP = 1;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLM_F_REQUEST = 0x01;
    private static final int NLM_F_DUMP_INTR = 0x10;
    private static final int NLM_F_DUMP = 0x300;
    // The kernel sends at most 32 KiB per datagram in a dump; twice that leaves room, MSG_TRUNC tells if not.
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int RECEIVE_TIMEOUT_SECONDS = 10;
    // A dump is marked inconsistent when its objects change while it runs: right after links come up the kernel
    // adds and confirms their IPv6 link-local addresses for a few seconds. The dump is repeated at once (a dump takes
    // milliseconds, changes come every few tens), then after pauses doubling from 5 ms, for at most about 10 s.
    private static final int DUMP_ATTEMPTS = 13;
    private static final long FIRST_PAUSE_MILLIS = 5;
    private final int fd;
    private final Netns netns;
    private int sequence;

    private NetlinkSocket(int fd, Netns netns) {
        this.fd = fd;
        this.netns = netns;
    }

    /** A socket in {@code netns}: created there, it stays there whichever thread uses it. */
    static NetlinkSocket openIn(Netns netns) {
        return netns.inside(() -> {
            Libc.Result socket = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
            if (socket.failed()) {
                throw new IllegalStateException("cannot open a netlink socket in namespace " + netns + ": "
                        + socket.error());
            }
            Libc.Result timeout = Libc.receiveTimeout(socket.fd(), RECEIVE_TIMEOUT_SECONDS);
            if (timeout.failed()) {
                Libc.close(socket.fd());
                throw new IllegalStateException("cannot set a receive timeout on a netlink socket in namespace "
                        + netns + ": " + timeout.error());
            }
            return new NetlinkSocket(socket.fd(), netns);
        });
    }

    /**
     * The payloads (after {@code nlmsghdr}) of the reply's messages of type {@code replyType}, in the kernel's order.
     *
     * @throws IllegalStateException naming the namespace and the request when the kernel answers with an error, the
     *                               socket fails, or the dump stays inconsistent
     */
    List<ByteBuffer> dump(Request request, int replyType) {
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            Reply reply = dumpOnce(request, replyType);
            if (!reply.interrupted()) {
                return reply.messages();
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw failure(request, "the dump was interrupted by concurrent changes " + DUMP_ATTEMPTS + " times");
            }
            if (attempt > 1) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure(request, "interrupted while waiting to repeat an inconsistent dump");
                }
                pause *= 2;
            }
        }
    }

    private record Reply(List<ByteBuffer> messages, boolean interrupted) {
    }

    private Reply dumpOnce(Request request, int replyType) {
        int seq = ++sequence;
        try (Arena arena = Arena.ofConfined()) {
            send(arena, request, seq);
            MemorySegment buffer = arena.allocate(RECEIVE_BUFFER);
            List<ByteBuffer> messages = new ArrayList<>();
            boolean interrupted = false;
            while (true) {
                Libc.Result received = Libc.recv(fd, buffer, Libc.MSG_TRUNC);
                if (received.failed()) {
                    if (received.errno() == Libc.EINTR) {
                        continue;
                    }
                    throw failure(request, received.errno() == Libc.EAGAIN
                            ? "no answer within " + RECEIVE_TIMEOUT_SECONDS + " s" : "recv: " + received.error());
                }
                if (received.value() > RECEIVE_BUFFER) {
                    throw failure(request, "a datagram of " + received.value() + " bytes exceeds the "
                            + RECEIVE_BUFFER + "-byte buffer");
                }
                ByteBuffer datagram = ByteBuffer.wrap(buffer.asSlice(0, received.value()).toArray(JAVA_BYTE))
                        .order(ByteOrder.nativeOrder());
                int offset = 0;
                while (offset + NLMSG_HEADER <= datagram.limit()) {
                    int length = datagram.getInt(offset);
                    int type = Short.toUnsignedInt(datagram.getShort(offset + 4));
                    int flags = Short.toUnsignedInt(datagram.getShort(offset + 6));
                    int messageSeq = datagram.getInt(offset + 8);
                    if (length < NLMSG_HEADER || offset + length > datagram.limit()) {
                        throw failure(request, "malformed reply: message length " + length + " at offset " + offset);
                    }
                    if (messageSeq == seq) {
                        interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
                        if (type == NLMSG_DONE) {
                            return new Reply(messages, interrupted);
                        }
                        if (type == NLMSG_ERROR) {
                            // struct nlmsgerr: a negative errno, or 0 for an acknowledgement.
                            int error = length >= NLMSG_HEADER + 4 ? datagram.getInt(offset + NLMSG_HEADER) : 0;
                            if (error != 0) {
                                throw failure(request, "the kernel answered " + Libc.describe(-error));
                            }
                        } else if (type == replyType) {
                            messages.add(datagram.slice(offset + NLMSG_HEADER, length - NLMSG_HEADER)
                                    .order(ByteOrder.nativeOrder()));
                        } else if (type != NLMSG_NOOP) {
                            throw failure(request, "unexpected message type " + type);
                        }
                    }
                    offset += align(length);
                }
            }
        }
    }

    private void send(Arena arena, Request request, int seq) {
        int length = NLMSG_HEADER + request.body().length;
        MemorySegment message = arena.allocate(length, 4);
        MemorySegment.copy(request.body(), 0, message, JAVA_BYTE, NLMSG_HEADER, request.body().length);
        message.set(ValueLayout.JAVA_INT, 0, length);
        message.set(ValueLayout.JAVA_SHORT, 4, (short) request.type());
        message.set(ValueLayout.JAVA_SHORT, 6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        message.set(ValueLayout.JAVA_INT, 8, seq);
        Libc.Result sent = Libc.send(fd, message, length);
        if (sent.failed()) {
            throw failure(request, "send: " + sent.error());
        }
    }

    private IllegalStateException failure(Request request, String what) {
        return new IllegalStateException("netlink " + request.name() + " in namespace " + netns + " failed: "
                + what);
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
