package io.openpe.e2e.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service run the way an operator runs it:
 * {@code java -D... -jar <module>/target/quarkus-app/quarkus-run.jar}, output to a log file, ready when
 * {@code /q/health/ready} answers 200, stopped by its PID. A fault test kills it ({@link #kill()}) and starts it again
 * on the same ports with the same configuration ({@link #restart()}): clients, FRR's BMP sessions and the fleet's
 * gRPC channel find it where they found it before.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int httpPort;
    private final int grpcPort;
    private volatile Process process;
    private int lives = 1;

    private ServiceProcess(String name, List<String> command, Process process, Path log, int httpPort, int grpcPort) {
        this.name = name;
        this.command = List.copyOf(command);
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
    }

    /**
     * Starts {@code module}'s runner jar as {@code name} with free HTTP and gRPC ports and {@code config} as system
     * properties. Does not wait: call {@link #awaitReady(Duration)}.
     */
    public static ServiceProcess start(Path root, String module, String name, Map<String, String> config, Path logDir) {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor packages " + module + " before it/e2e"
                    + " (./mvnw -B -pl it/e2e -am verify)");
        }
        int httpPort = FreePorts.take();
        int grpcPort = FreePorts.take();
        Map<String, String> properties = new TreeMap<>(config);
        properties.put("quarkus.http.port", Integer.toString(httpPort));
        properties.put("quarkus.grpc.server.port", Integer.toString(grpcPort));
        properties.put("quarkus.http.host", "127.0.0.1");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heaps: seven JVMs share a 2-core CI machine with the build.
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServiceProcess(name, command, process, log, httpPort, grpcPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGKILL to this PID (no shutdown hook runs, nothing is withdrawn or flushed), waiting until it is gone. */
    public void kill() {
        Process current = process;
        current.toHandle().destroyForcibly();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + current.pid() + ") still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the same command again (same ports, same configuration) once the last life has exited; its output is
     * appended to the same log after a marker line. Does not wait: call {@link #awaitReady(Duration)}.
     */
    public synchronized ServiceProcess restart() {
        return restart(Map.of());
    }

    /**
     * As {@link #restart()}, with {@code overrides} in place of (or added to) the first start's system properties; an
     * empty map restores the first start's configuration.
     */
    public synchronized ServiceProcess restart(Map<String, String> overrides) {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs (pid " + process.pid() + "): kill or close it first");
        }
        lives++;
        try {
            Files.writeString(log, "=== e2e: " + name + " started again (life " + lives + ")"
                    + (overrides.isEmpty() ? "" : " with " + overrides) + " ===\n",
                    java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(withOverrides(overrides))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " again", e);
        }
    }

    private List<String> withOverrides(Map<String, String> overrides) {
        List<String> argv = new ArrayList<>();
        for (String arg : command) {
            if (arg.equals("-jar")) {
                overrides.forEach((key, value) -> argv.add("-D" + key + "=" + value));
            }
            boolean overridden = overrides.keySet().stream().anyMatch(key -> arg.startsWith("-D" + key + "="));
            if (!overridden) {
                argv.add(arg);
            }
        }
        return argv;
    }

    /**
     * Whether {@code /q/health/ready} answers 200 now; a process that does not answer at all (gone, or its HTTP server
     * not up) is not ready.
     */
    public boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until readiness answers 200; fails early, naming the log, when the process exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            // Polling an HTTP endpoint of another process: there is no event to wait on.
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not ready within " + timeout + " (last: " + last + "); see " + log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM to this PID, SIGKILL after a grace period. */
    @Override
    public void close() {
        Process process = this.process;
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
