package io.openpe.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JDK's ahead-of-time cache (JEP 483/514) of each packaged service, kept next to its {@code quarkus-run.jar}: the
 * first stack run records it ({@code -XX:AOTCacheOutput}, written when that JVM exits), every later run starts the
 * service's JVMs from it ({@code -XX:AOTCache}). On this machine a service JVM then starts about three times faster
 * and with a third less CPU (docs/benchmarks/fabric.md, "Bring-up"), which is what eight JVMs on two cores need. A
 * cache older than the jar is recorded again; the JVM itself refuses a cache that does not match its class path and
 * runs without it, so a stale or broken cache slows a start down but never changes what runs. Off with
 * {@code -Dopenpe.local.aot=false}.
 */
final class AotCache {

    static final String FILE = "openpe-local-stack.aot";

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
                return List.of("-XX:AOTCacheOutput=" + cache);
            }
        } catch (IOException e) {
            // no cache this time: the service starts the ordinary way
        }
        return List.of();
    }

    /** Whether an instance started with these options writes the cache when it exits (which takes a while). */
    static boolean records(List<String> command) {
        return command.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
    }
}
