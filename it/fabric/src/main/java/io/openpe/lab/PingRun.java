package io.openpe.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A {@code ping} running in a workload until {@link #stop()}, e.g. across a move or an L2VNI being added. */
public final class PingRun implements AutoCloseable {

    private final Process process;

    private PingRun(Process process) {
        this.process = process;
    }

    static PingRun start(String netns, String target, double intervalSeconds) {
        try {
            // ip netns exec execs ping in place, so the process is ping itself and SIGINT makes it print its summary.
            Process process = new ProcessBuilder("ip", "netns", "exec", netns, "ping", "-q", "-W", "1", "-i",
                    String.valueOf(intervalSeconds), target).redirectErrorStream(true).start();
            return new PingRun(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the run and returns its counts. */
    public PingResult stop() {
        if (process.isAlive()) {
            Shell.run("kill", "-INT", Long.toString(process.pid()));
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return PingResult.parse(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LabException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
