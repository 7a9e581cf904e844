package io.openpe.node.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls the netlink reader needs, through the Foreign Function & Memory API. Every call returns
 * the C result; a negative result comes with {@code errno}, captured right after the call so nothing in between can
 * overwrite it. Constants are the x86-64/aarch64 Linux values from the system headers.
 */
final class Libc {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int CLONE_NEWNET = 0x40000000;
    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int MSG_TRUNC = 0x20;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(
            PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = errnoCall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = errnoCall("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle SETNS = errnoCall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SEND = errnoCall("send", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle RECV = errnoCall("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, JAVA_INT);
    // open(2) is variadic (the mode follows the flags); it is read only with O_CREAT, which we never pass.
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    /** A C result: the value, and {@code errno} when the value is negative. */
    record Result(long value, int errno) {
        boolean failed() {
            return value < 0;
        }

        int fd() {
            return (int) value;
        }

        /** {@code errno 2 (No such file or directory)}. */
        String error() {
            return describe(errno);
        }
    }

    static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return "errno " + errno + " (" + text.reinterpret(256).getString(0) + ")";
        } catch (Throwable e) {
            throw new IllegalStateException("strerror failed", e);
        }
    }

    static Result open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags, 0);
            return result(fd, state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    static Result socket(int domain, int type, int protocol) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) SOCKET.invokeExact(state, domain, type, protocol), state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    static Result close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) CLOSE.invokeExact(state, fd), state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** Moves the calling thread (only it) into the namespace {@code fd} refers to. */
    static Result setns(int fd, int nstype) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((int) SETNS.invokeExact(state, fd, nstype), state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    static Result send(int fd, MemorySegment buffer, long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((long) SEND.invokeExact(state, fd, buffer, length, 0), state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    static Result recv(int fd, MemorySegment buffer, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            return result((long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), flags), state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** {@code SO_RCVTIMEO}: a receive that waits longer fails with EAGAIN instead of blocking forever. */
    static Result receiveTimeout(int fd, int seconds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment timeval = arena.allocate(JAVA_LONG, 2);
            timeval.setAtIndex(JAVA_LONG, 0, seconds);
            return result((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, timeval,
                    (int) timeval.byteSize()), state);
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    private static MethodHandle errnoCall(String name, MemoryLayout result,
            MemoryLayout... arguments) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name),
                FunctionDescriptor.of(result, arguments), Linker.Option.captureCallState("errno"));
    }

    private static Result result(long value, MemorySegment state) {
        return new Result(value, value < 0 ? (int) ERRNO.get(state, 0L) : 0);
    }

    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("native call failed", e);
    }
}
