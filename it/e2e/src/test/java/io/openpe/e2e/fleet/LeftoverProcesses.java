package io.openpe.e2e.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The PIDs of the services a run started, in {@code <work>/pids}: a run that was killed (SIGKILL of the test JVM)
 * leaves its service processes behind, and the next run stops exactly those, checking that each PID still runs a
 * {@code quarkus-run.jar} (a reused PID is left alone). Never by name.
 */
final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    static void record(Path work, Collection<ServiceProcess> services) {
        try {
            Files.createDirectories(work);
            Files.writeString(work.resolve("pids"), services.stream().map(s -> Long.toString(s.pid()))
                    .collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sweep(Path work) {
        Path file = work.resolve("pids");
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                ProcessHandle.of(Long.parseLong(line.strip()))
                        .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false))
                        .ifPresent(p -> {
                            System.err.println("e2e: stopping service process " + p.pid() + " left by a killed run");
                            p.destroyForcibly();
                        });
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void clear(Path work) {
        try {
            Files.deleteIfExists(work.resolve("pids"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
