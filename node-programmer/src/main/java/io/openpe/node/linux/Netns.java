package io.openpe.node.linux;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.kernel.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    @Override
    public String toString() {
        return name.orElse("(own namespace)");
    }
}
