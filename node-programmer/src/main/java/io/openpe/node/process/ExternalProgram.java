package io.openpe.node.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs an external program to its end: the kernel adapter's {@code ip -batch} and {@code sysctl}, the FRR adapter's
 * {@code vtysh} and {@code frr-reload.py}. Both outputs are drained while the program runs, so a full pipe never
 * blocks it.
 */
public final class ExternalProgram {

    private ExternalProgram() {
    }

    public record Output(int exitCode, String stdout, String stderr) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** Standard output then standard error, stripped: what a failure reason quotes. */
        public String text() {
            return (stdout.strip() + "\n" + stderr.strip()).strip();
        }
    }

    /** Runs {@code argv} with {@code stdin} as its standard input (empty: closed at once). */
    public static Output run(List<String> argv, String stdin) {
        try {
            Process process = new ProcessBuilder(argv).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            int code = process.waitFor();
            return new Output(code, out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
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
