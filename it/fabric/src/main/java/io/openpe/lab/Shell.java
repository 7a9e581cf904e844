package io.openpe.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip}, {@code vtysh}, {@code ping} and FRR's daemons; the one place the lab starts programs. */
final class Shell {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Shell() {
    }

    static CommandResult run(String... argv) {
        return run(List.of(argv));
    }

    static CommandResult run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LabException("timed out after " + TIMEOUT + ": " + String.join(" ", argv));
            }
            return new CommandResult(argv, process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new LabException("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted: " + String.join(" ", argv), e);
        }
    }

    /** {@code ip -n <netns> args…}, or in the root namespace when {@code netns} is empty; throws on failure. */
    static String ip(String netns, String... args) {
        return ipResult(netns, args).orThrow().stdout();
    }

    static CommandResult ipResult(String netns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (!netns.isEmpty()) {
            argv.addAll(List.of("-n", netns));
        }
        argv.addAll(List.of(args));
        return run(argv);
    }

    /** A program run inside a namespace. */
    static CommandResult in(String netns, String... program) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        argv.addAll(List.of(program));
        return run(argv);
    }

    static boolean linkExists(String netns, String link) {
        return ipResult(netns, "link", "show", "dev", link).ok();
    }

    static List<String> namespaces() {
        return run("ip", "netns", "list").stdout().lines().map(l -> l.split(" ")[0]).filter(s -> !s.isBlank())
                .toList();
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
