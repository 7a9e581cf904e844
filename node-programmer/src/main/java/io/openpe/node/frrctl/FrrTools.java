package io.openpe.node.frrctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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

    record Output(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        String text() {
            return (stdout.strip() + "\n" + stderr.strip()).strip();
        }
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
        try {
            Process process = new ProcessBuilder(argv).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            int code = process.waitFor();
            return new Output(code, out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            stream.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
