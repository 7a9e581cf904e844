package io.openpe.node.linux;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.kernel.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** The real namespace behind a {@link Side}, and how to address it from {@code ip} and other tools. */
record Netns(Optional<String> name) {

    static Netns of(Namespaces namespaces, Side side) {
        return new Netns(side == Side.ROUTER ? Optional.of(namespaces.router()) : namespaces.host());
    }

    /** {@code ip [-n NAME]} followed by the arguments. */
    List<String> ip(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("ip");
        name.ifPresent(n -> {
            argv.add("-n");
            argv.add(n);
        });
        argv.addAll(List.of(args));
        return argv;
    }

    /** {@code bridge [-n NAME]} followed by the arguments. */
    List<String> bridgeCommand(List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add("bridge");
        name.ifPresent(n -> {
            argv.add("-n");
            argv.add(n);
        });
        argv.addAll(args);
        return argv;
    }

    /** A program run inside the namespace ({@code ip netns exec NAME ...}), or directly for this process's own. */
    List<String> exec(List<String> program) {
        List<String> argv = new ArrayList<>();
        name.ifPresent(n -> argv.addAll(List.of("ip", "netns", "exec", n)));
        argv.addAll(program);
        return argv;
    }

    /**
     * How {@code ip link set ... netns X} names this namespace from another one: by name, or, for this process's own
     * namespace, by this process's pid.
     */
    String reference() {
        return name.orElseGet(() -> Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Runs {@code work} with this namespace as the calling thread's network namespace: netlink sockets it opens and
     * {@code /proc/sys/net} it reads belong to this namespace. A named namespace is entered by a throwaway platform
     * thread ({@code setns} on {@code /run/netns/NAME}) that ends with the work, so no thread of the agent is ever
     * left in another namespace, whatever fails; this process's own namespace needs no switch.
     */
    <T> T inside(Supplier<T> work) {
        if (name.isEmpty()) {
            return work.get();
        }
        FutureTask<T> task = new FutureTask<>(() -> {
            enter(name.get());
            return work.get();
        });
        Thread.ofPlatform().name("netns-" + name.get()).start(task);
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("in network namespace " + name.get() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in network namespace " + name.get(), e);
        }
    }

    private static void enter(String namespace) {
        Libc.Result fd = Libc.open("/run/netns/" + namespace, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd.failed()) {
            throw new IllegalStateException("cannot open network namespace " + namespace + ": " + fd.error());
        }
        try {
            Libc.Result entered = Libc.setns(fd.fd(), Libc.CLONE_NEWNET);
            if (entered.failed()) {
                throw new IllegalStateException("cannot enter network namespace " + namespace + ": "
                        + entered.error());
            }
        } finally {
            Libc.close(fd.fd());
        }
    }

    @Override
    public String toString() {
        return name.orElse("(own namespace)");
    }
}
