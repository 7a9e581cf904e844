package io.openpe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDK's ahead-of-time cache (JEP 483) of each packaged service, kept next to its {@code quarkus-run.jar}: the
 * first stack run records one instance per service ({@code -XX:AOTMode=record}, the configuration is written when it
 * exits) and creates the cache from it after the services stopped ({@link #create}; {@code -XX:AOTCacheOutput} would
 * do both at exit, but its assembly child did not survive the stack's shutdown); every later run starts the
 * service's JVMs from it ({@code -XX:AOTCache}). On this machine a service JVM then starts about three times faster
 * and with a third less CPU (docs/benchmarks/fabric.md, "Bring-up"), which is what eight JVMs on two cores need. A
 * cache older than the jar is recorded again; the JVM itself refuses a cache that does not match its class path and
 * runs without it, so a stale or broken cache slows a start down but never changes what runs. Off with
 * {@code -Dopenpe.local.aot=false}.
 */
final class AotCache {

    static final String FILE = "openpe-local-stack.aot";
    static final String CONFIGURATION = "openpe-local-stack.aotconf";

    private final boolean enabled;
    private final Set<Service> recording = new HashSet<>();

    AotCache(boolean enabled) {
        this.enabled = enabled;
    }

    static AotCache fromSystemProperties() {
        return new AotCache(!"false".equals(System.getProperty("openpe.local.aot")));
    }

    /**
     * The JVM options of one instance of {@code service}: use the cache, or record it (only the first instance of a
     * service without one: two JVMs writing one file would race), or none.
     */
    synchronized List<String> options(Service service, Path root) {
        if (!enabled) {
            return List.of();
        }
        Path jar = service.runnerJar(root);
        Path cache = jar.resolveSibling(FILE);
        try {
            if (Files.exists(cache) && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return List.of("-XX:AOTCache=" + cache);
            }
            if (recording.add(service)) {
                Files.deleteIfExists(cache);
                Files.deleteIfExists(jar.resolveSibling(CONFIGURATION));
                return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + jar.resolveSibling(CONFIGURATION));
            }
        } catch (IOException e) {
            // no cache this time: the service starts the ordinary way
        }
        return List.of();
    }

    /** Whether an instance started with these options records the configuration when it exits. */
    static boolean records(List<String> command) {
        return command.stream().anyMatch(option -> option.equals("-XX:AOTMode=record"));
    }

    /**
     * After the recording instances exited: creates each service's cache from its configuration (a JVM that runs no
     * application, about 15 s of wall clock each on the loaded machine). {@code jvmOptions} must be the options the
     * services run with (the JVM refuses a cache made with other GC or heap settings).
     */
    synchronized void create(Path root, List<String> jvmOptions) {
        for (Service service : recording) {
            Path jar = service.runnerJar(root);
            Path configuration = jar.resolveSibling(CONFIGURATION);
            if (!Files.exists(configuration)) {
                continue;
            }
            System.out.println("  creating the AOT cache of " + service.module() + " (once; later runs start faster)");
            List<String> command = new java.util.ArrayList<>(List.of(LocalStack.java()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration,
                    "-XX:AOTCache=" + jar.resolveSibling(FILE), "-jar", jar.toString()));
            try {
                Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectErrorStream(true).start();
                if (process.waitFor() != 0) {
                    Files.deleteIfExists(jar.resolveSibling(FILE));
                }
                Files.deleteIfExists(configuration);
            } catch (IOException e) {
                // no cache: the next run records again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        recording.clear();
    }
}
