package io.openpe.node.frrctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Brings the rendered {@code hostname} to every place FRR 8.4 keeps one (FRR issues #12705, #20398):
 *
 * <ul>
 *   <li>each daemon: set over its own vty socket ({@link DaemonVty}), since vtysh handles {@code hostname} itself
 *       and frr-reload.py goes through vtysh;</li>
 *   <li>vtysh: {@code show running-config} adds vtysh's own hostname (from {@code vtysh.conf}, else the machine's
 *       {@code uname}) to the daemons' lines, so without a {@code hostname} line in {@code vtysh.conf} the running
 *       configuration of a node not named like its machine always shows two hostnames and never equals the
 *       rendered one.</li>
 * </ul>
 */
final class Hostname {

    static final String VTYSH_CONF = "vtysh.conf";

    private Hostname() {
    }

    /** The value of the configuration's top-level {@code hostname} line, if it has one. */
    static Optional<String> of(String config) {
        return config.lines().filter(line -> line.startsWith("hostname ")).findFirst()
                .map(line -> line.substring("hostname ".length()).strip());
    }

    /** Sets {@code hostname} in {@code vtysh.conf}, keeping its other lines; returns whether the file changed. */
    static boolean writeToVtyshConf(Path configDir, String hostname) {
        Path file = configDir.resolve(VTYSH_CONF);
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            List<String> updated = Stream.concat(lines.stream().filter(line -> !line.startsWith("hostname ")),
                    Stream.of("hostname " + hostname)).toList();
            if (updated.equals(lines)) {
                return false;
            }
            Files.writeString(file, String.join("\n", updated) + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Sets the hostname in every daemon that has a vty socket in the directory. */
    static void setInDaemons(Path vtySocketDir, String hostname) {
        List<Path> sockets;
        try (Stream<Path> files = Files.list(vtySocketDir)) {
            sockets = files.filter(p -> p.getFileName().toString().endsWith(".vty")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + vtySocketDir, e);
        }
        for (Path socket : sockets) {
            DaemonVty.run(socket, List.of("enable", "configure terminal", "hostname " + hostname, "end"));
        }
    }
}
