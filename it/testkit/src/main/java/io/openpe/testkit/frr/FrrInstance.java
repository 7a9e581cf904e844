package io.openpe.testkit.frr;

import io.openpe.testkit.netns.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * zebra and bgpd (with the BMP module) running inside one network namespace, without systemd, with their own
 * configuration, pid and vty socket directory, so that several simulated nodes run side by side on one machine.
 * {@link #close()} stops both daemons and removes the directory.
 */
public final class FrrInstance implements AutoCloseable {

    public static final Path FRR_BIN = Path.of("/usr/lib/frr");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String namespace;
    private final Path dir;

    private FrrInstance(String namespace, Path dir) {
        this.namespace = namespace;
        this.dir = dir;
    }

    /** Whether FRR is installed here. */
    public static boolean installed() {
        return Files.isExecutable(FRR_BIN.resolve("zebra")) && Files.isExecutable(FRR_BIN.resolve("bgpd"))
                && Files.isExecutable(Path.of("/usr/bin/vtysh"));
    }

    /**
     * Fails, naming what is missing, when FRR is not installed: a test that needs FRR must not pass by skipping
     * (run the suite with {@code -DexcludedGroups=root} on a machine without root and FRR).
     */
    public static void requireInstalled() {
        if (!installed()) {
            throw new AssertionError("this test needs FRR 8.4: " + FRR_BIN.resolve("zebra") + ", "
                    + FRR_BIN.resolve("bgpd") + " and /usr/bin/vtysh must be executable (apt-get install frr), "
                    + "or exclude root tests with -DexcludedGroups=root");
        }
    }

    /** Starts zebra and bgpd in the namespace with the given integrated configuration. */
    public static FrrInstance start(String namespace, String config) {
        try {
            Path dir = Files.createTempDirectory("opt-frr-" + namespace + "-");
            FrrInstance frr = new FrrInstance(namespace, dir);
            try {
                Files.writeString(dir.resolve("frr.conf"), config);
                Files.writeString(dir.resolve("vtysh.conf"), "service integrated-vtysh-config\n");
                Exec.run(List.of("chown", "-R", "frr:frr", dir.toString())).orThrow();
                Exec.run(List.of("chmod", "0755", dir.toString())).orThrow();
                frr.daemon("zebra");
                frr.daemon("bgpd", "-M", "bmp");
                frr.awaitVty();
                return frr;
            } catch (RuntimeException e) {
                frr.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String namespace() {
        return namespace;
    }

    /** Holds frr.conf, vtysh.conf, pid files, the zserv socket and the vty sockets. */
    public Path dir() {
        return dir;
    }

    public Path vtySocketDir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve("frr.conf");
    }

    /** Runs vtysh commands against this instance ({@code vtysh -c c1 -c c2 ...}). */
    public Exec.Result vtysh(String... commands) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "vtysh",
                "--vty_socket", dir.toString(), "--config_dir", dir.toString()));
        for (String command : commands) {
            argv.add("-c");
            argv.add(command);
        }
        return Exec.run(argv);
    }

    public String runningConfig() {
        return vtysh("show running-config").orThrow().stdout();
    }

    private void daemon(String name, String... extra) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                FRR_BIN.resolve(name).toString(), "-d",
                "-f", configFile().toString(),
                "-i", dir.resolve(name + ".pid").toString(),
                "-z", dir.resolve("zserv.api").toString(),
                "--vty_socket", dir.toString(),
                "-u", "frr", "-g", "frr"));
        argv.addAll(List.of(extra));
        Exec.run(argv).orThrow();
    }

    private void awaitVty() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(dir.resolve("zebra.vty")) && Files.exists(dir.resolve("bgpd.vty"))
                    && vtysh("show version").ok()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("FRR did not come up in " + namespace + " within " + START_TIMEOUT);
    }

    private void stop(String name) {
        Path pidFile = dir.resolve(name + ".pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroy();
                try {
                    process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    process.destroyForcibly();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of a running daemon of this instance ("zebra", "bgpd"). */
    public long pid(String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a daemon of this instance still runs. */
    public boolean running(String name) {
        try {
            Path pidFile = dir.resolve(name + ".pid");
            return Files.exists(pidFile)
                    && ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).map(ProcessHandle::isAlive)
                            .orElse(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop("bgpd");
        stop("zebra");
        Exec.run(List.of("rm", "-rf", dir.toString()));
    }
}
