package io.openpe.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * zebra and bgpd (with the BMP module) of one namespace, started without systemd from their own directory: the
 * integrated frr.conf, vtysh.conf, pid files, zserv socket and vty sockets all live there, so many FRRs run side by
 * side and a node-programmer finds its FRR through {@code openpe.node.frr.vty-dir} and {@code config-dir}.
 */
final class FrrDaemons {

    static final Path FRR_BIN = Path.of("/usr/lib/frr");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private FrrDaemons() {
    }

    static boolean installed() {
        return Files.isExecutable(FRR_BIN.resolve("zebra")) && Files.isExecutable(FRR_BIN.resolve("bgpd"))
                && Files.isExecutable(Path.of("/usr/bin/vtysh"));
    }

    /** Starts zebra and bgpd unless both already run from this directory (a second build changes nothing). */
    static void ensure(String netns, Path dir, String config) {
        ensure(netns, dir, config, false);
    }

    /**
     * As {@link #ensure(String, Path, String)}; with {@code netnsVrfs} zebra runs with {@code -n} (each network
     * namespace is a VRF), and both daemons in a mount namespace of their own whose {@code /run/netns} is an empty
     * tmpfs, as a router pod's container would: zebra sees only the VRF namespaces node-programmer shows it, so every
     * node on this machine has its own VRF {@code red}. bgpd shares zebra's mounts (it opens the VRF namespaces too).
     */
    static void ensure(String netns, Path dir, String config, boolean netnsVrfs) {
        if (running(dir, "zebra") && running(dir, "bgpd")) {
            return;
        }
        stop(dir);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("frr.conf"), config);
            Files.writeString(dir.resolve("vtysh.conf"), "service integrated-vtysh-config\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The daemons drop to user frr: it must write pid files and sockets here and read the path to it.
        Shell.run("chown", "-R", "frr:frr", dir.toString()).orThrow();
        Shell.run("chmod", "0755", dir.toString(), dir.getParent().toString()).orThrow();
        if (netnsVrfs) {
            String script = "mount -t tmpfs openpe-vrfs /run/netns && "
                    + String.join(" ", daemonArgv(dir, "zebra", "-n")) + " && "
                    + String.join(" ", daemonArgv(dir, "bgpd", "-M", "bmp"));
            Shell.run("ip", "netns", "exec", netns, "unshare", "-m", "--propagation", "private", "sh", "-c", script)
                    .orThrow();
        } else {
            daemon(netns, dir, "zebra");
            daemon(netns, dir, "bgpd", "-M", "bmp");
        }
        awaitVty(netns, dir);
    }

    static CommandResult vtysh(String netns, Path dir, String... commands) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns, "vtysh", "--vty_socket",
                dir.toString(), "--config_dir", dir.toString()));
        for (String command : commands) {
            argv.add("-c");
            argv.add(command);
        }
        return Shell.run(argv);
    }

    static Optional<Long> pid(Path dir, String daemon) {
        try {
            Path file = dir.resolve(daemon + ".pid");
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean running(Path dir, String daemon) {
        return pid(dir, daemon).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * SIGKILL to one daemon by the pid in its pid file, waiting until it is gone: a crash, with no shutdown (no BGP
     * notification, no route cleanup by the daemon itself). The pid file stays, as a crash leaves it.
     */
    static void kill(Path dir, String daemon) {
        ProcessHandle process = pid(dir, daemon).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new LabException(daemon + " of " + dir + " does not run"));
        process.destroyForcibly();
        try {
            process.onExit().get(START_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        } catch (Exception e) {
            throw new LabException(daemon + " (pid " + process.pid() + ") still runs after SIGKILL", e);
        }
    }

    /**
     * Starts one daemon of a running FRR again, from the directory's frr.conf (what a supervisor does after a crash),
     * and waits until it answers on its vty.
     */
    static void restart(String netns, Path dir, String daemon) {
        if (running(dir, daemon)) {
            throw new LabException(daemon + " of " + dir + " still runs");
        }
        switch (daemon) {
            case "zebra" -> daemon(netns, dir, "zebra");
            case "bgpd" -> daemon(netns, dir, "bgpd", "-M", "bmp");
            default -> throw new IllegalArgumentException("not a lab daemon: " + daemon);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String probe = daemon.equals("bgpd") ? "show bgp summary" : "show interface brief";
        while (Instant.now().isBefore(deadline)) {
            if (running(dir, daemon) && vtysh(netns, dir, probe).ok()) {
                return;
            }
            Processes.pause(Duration.ofMillis(50));
        }
        throw new LabException(daemon + " did not come back in " + netns + " within " + START_TIMEOUT);
    }

    /** Sends {@code SIGSTOP} or {@code SIGCONT} to one daemon by its pid file: a hung daemon, and its recovery. */
    static void signal(Path dir, String daemon, String signal) {
        if (!List.of("STOP", "CONT").contains(signal)) {
            throw new IllegalArgumentException("not a hang signal: " + signal);
        }
        long pid = pid(dir, daemon).filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                .orElseThrow(() -> new LabException(daemon + " of " + dir + " does not run"));
        Shell.run("kill", "-" + signal, Long.toString(pid)).orThrow();
    }

    /** Stops bgpd, then zebra, by the pids in their pid files. */
    static void stop(Path dir) {
        for (String daemon : List.of("bgpd", "zebra")) {
            pid(dir, daemon).flatMap(ProcessHandle::of).ifPresent(Processes::terminate);
        }
    }

    private static void daemon(String netns, Path dir, String name, String... extra) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        argv.addAll(daemonArgv(dir, name, extra));
        Shell.run(argv).orThrow();
    }

    private static List<String> daemonArgv(Path dir, String name, String... extra) {
        List<String> argv = new ArrayList<>(List.of(FRR_BIN.resolve(name).toString(),
                "-d", "-f", dir.resolve("frr.conf").toString(), "-i", dir.resolve(name + ".pid").toString(),
                "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(),
                "-u", "frr", "-g", "frr"));
        argv.addAll(List.of(extra));
        return argv;
    }

    private static void awaitVty(String netns, Path dir) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(dir.resolve("zebra.vty")) && Files.exists(dir.resolve("bgpd.vty"))
                    && vtysh(netns, dir, "show version").ok()) {
                return;
            }
            Processes.pause(Duration.ofMillis(50));
        }
        throw new LabException("FRR did not come up in " + netns + " within " + START_TIMEOUT);
    }
}
