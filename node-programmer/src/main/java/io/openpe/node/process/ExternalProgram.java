package io.openpe.node.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an external program to its end: the kernel adapter's {@code ip -batch} and {@code sysctl}, the FRR adapter's
 * {@code vtysh} and {@code frr-reload.py}. Standard input is written and both outputs are drained while the program
 * runs, so a full pipe never blocks it or us.
 *
 * <p>Every run is bounded ({@link #limit()}, {@code openpe.node.program-timeout}): a program still running then (a
 * vtysh waiting on a stopped daemon, an {@code ip} stuck in the kernel) is killed with everything it started, and its
 * {@link Output} says so; the caller reports that as the apply's failure and the loop goes on. The limit is one per
 * process, set once at start: every program of the agent shares it, and the callers are plain records.
 */
public final class ExternalProgram {

    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(120);
    /** How long the outputs of a killed program are still read: its pipes close when it and its children die. */
    private static final Duration DRAIN_AFTER_KILL = Duration.ofSeconds(5);

    /** Pipe I/O blocks; one virtual thread per stream keeps it off shared pools. */
    private static final Executor PIPES = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("external-program-pipe-", 0).factory());

    private static volatile Duration limit = DEFAULT_LIMIT;

    private ExternalProgram() {
    }

    /**
     * @param timedOut the program did not end within the limit and was killed; {@code stderr} ends with the reason
     */
    public record Output(int exitCode, String stdout, String stderr, boolean timedOut) {

        public Output(int exitCode, String stdout, String stderr) {
            this(exitCode, stdout, stderr, false);
        }

        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** Standard output then standard error, stripped: what a failure reason quotes. */
        public String text() {
            return (stdout.strip() + "\n" + stderr.strip()).strip();
        }
    }

    public static Duration limit() {
        return limit;
    }

    /** Sets the bound of every later run (configuration, at start; tests). */
    public static void limit(Duration newLimit) {
        if (newLimit.isNegative() || newLimit.isZero()) {
            throw new IllegalArgumentException("a program timeout must be positive, got " + newLimit);
        }
        limit = newLimit;
    }

    /** Runs {@code argv} with {@code stdin} as its standard input (empty: closed at once), within {@link #limit()}. */
    public static Output run(List<String> argv, String stdin) {
        Duration bound = limit;
        Process process;
        try {
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), PIPES);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), PIPES);
        // Written aside: a program that reads nothing (hung) must not block us on a full pipe.
        CompletableFuture.runAsync(() -> feed(process.getOutputStream(), stdin), PIPES);
        try {
            if (process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Output(process.exitValue(), out.join(), err.join());
            }
            kill(process);
            String reason = argv.getFirst() + (argv.size() > 1 ? " " + String.join(" ", argv.subList(1,
                    Math.min(argv.size(), 6))) : "") + " did not finish within " + bound.toSeconds()
                    + " s and was killed (openpe.node.program-timeout)";
            return new Output(-1, drained(out), (drained(err).strip() + "\n" + reason).strip(), true);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String drained(CompletableFuture<String> output) throws InterruptedException {
        try {
            return output.get(DRAIN_AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private static void feed(OutputStream stream, String stdin) {
        try (stream) {
            stream.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The program ended (or was killed) without reading all of it: its exit status tells the rest.
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
