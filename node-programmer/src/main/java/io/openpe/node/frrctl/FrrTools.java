package io.openpe.node.frrctl;

import io.openpe.node.process.ExternalProgram;
import io.openpe.node.process.ExternalProgram.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where FRR's tools are and which FRR they talk to: the router's namespace and the directory of its vty sockets.
 *
 * @param namespace    network namespace FRR runs in; empty: this process's own
 * @param vtySocketDir directory holding the daemons' {@code *.vty} sockets
 * @param configDir    directory of {@code frr.conf} and {@code vtysh.conf}
 */
public record FrrTools(Optional<String> namespace, Path vtySocketDir, Path configDir, Path vtysh, Path frrReload) {

    public static final Path VTYSH = Path.of("/usr/bin/vtysh");
    public static final Path FRR_RELOAD = Path.of("/usr/lib/frr/frr-reload.py");

    public static FrrTools in(String namespace, Path vtySocketDir, Path configDir) {
        return new FrrTools(Optional.of(namespace), vtySocketDir, configDir, VTYSH, FRR_RELOAD);
    }

    Output vtysh(String... args) {
        List<String> argv = new ArrayList<>(List.of(vtysh.toString(), "--vty_socket", vtySocketDir.toString(),
                "--config_dir", configDir.toString()));
        argv.addAll(List.of(args));
        return run(inNamespace(argv));
    }

    /** {@code vtysh -C -f FILE}: parses every line without applying anything. */
    Output dryRun(Path file) {
        return run(List.of(vtysh.toString(), "--config_dir", configDir.toString(), "-C", "-f", file.toString()));
    }

    Output reload(Path file) {
        return frrReload("--reload", file);
    }

    /** {@code frr-reload.py --test}: prints the lines it would delete and add, changes nothing. */
    Output differences(Path file) {
        return frrReload("--test", file);
    }

    private Output frrReload(String mode, Path file) {
        return run(inNamespace(List.of(frrReload.toString(), mode, "--stdout",
                "--bindir", vtysh.getParent().toString(), "--confdir", configDir.toString(),
                "--rundir", configDir.toString(), "--vty_socket", vtySocketDir.toString(), file.toString())));
    }

    private List<String> inNamespace(List<String> program) {
        List<String> argv = new ArrayList<>();
        namespace.ifPresent(ns -> argv.addAll(List.of("ip", "netns", "exec", ns)));
        argv.addAll(program);
        return argv;
    }

    private static Output run(List<String> argv) {
        return ExternalProgram.run(argv, "");
    }
}
