package io.openpe.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM the stack started. Its output goes to a log file; its standard input stays open so that a child that watches
 * it (the Kafka broker) notices when the launcher is gone, even after a SIGKILL.
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();
    private volatile Duration grace = Duration.ofSeconds(15);

    private ChildProcess(String name, Process process, Path log, String readyPrefix) {
        this.name = name;
        this.process = process;
        this.log = log;
        Thread pump = new Thread(() -> pump(readyPrefix), name + "-log");
        pump.setDaemon(true);
        pump.start();
    }

    static ChildProcess start(String name, List<String> command, Path logDir, String readyPrefix) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "-") + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildProcess(name, process, log, readyPrefix);
    }

    /** The line that starts with the ready prefix given at start, once the child printed it. */
    String awaitReadyLine(Duration timeout) throws Exception {
        try {
            return readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not become ready within " + timeout + "; see " + log);
        }
    }

    /** Returns once {@code /q/health/ready} on the child's HTTP port answers 200; fails if the child exits first. */
    void awaitHealthy(int httpPort, Duration timeout) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2)).build();
        java.net.URI ready = java.net.URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            try {
                var response = client.send(java.net.http.HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private void pump(String readyPrefix) {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                if (readyPrefix != null && !readyLine.isDone() && line.startsWith(readyPrefix)) {
                    readyLine.complete(line);
                }
            }
        } catch (IOException e) {
            // The child is gone; its exit is reported by whoever waits for it.
        } finally {
            readyLine.completeExceptionally(new IllegalStateException(name + " exited; see " + log));
        }
    }

    /** How long {@link #close} waits after SIGTERM (a JVM writing its AOT cache at exit needs longer). */
    ChildProcess withGrace(Duration grace) {
        this.grace = grace;
        return this;
    }

    /** CPU time the child used so far (user and system), zero when the platform does not say. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** SIGTERM, then SIGKILL if the child has not exited within the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
