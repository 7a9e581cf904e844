package io.openpe.e2e.fleet;

import io.openpe.lab.LabCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The intents directory one cluster's intent-service reads: a copy of what the repository ships for that cluster
 * ({@code k8s/examples/<cluster>/}, the seeds' YAML as written plus the cluster's own Underlay and its nodes, the same
 * files {@code bin/local-stack} uses). Tests add and remove files while the service runs, as an operator edits the
 * directory.
 */
public final class ClusterIntents {

    private final String cluster;
    private final Path directory;

    private ClusterIntents(String cluster, Path directory) {
        this.cluster = cluster;
        this.directory = directory;
    }

    public static ClusterIntents copy(Path root, LabCluster cluster, Path directory) {
        Path shipped = root.resolve("k8s/examples").resolve(cluster.name());
        if (!Files.isDirectory(shipped)) {
            throw new IllegalStateException("no intents shipped for cluster " + cluster.name() + " in " + shipped);
        }
        try (Stream<Path> files = Files.list(shipped)) {
            Files.createDirectories(directory);
            try (Stream<Path> stale = Files.list(directory)) {
                for (Path old : stale.toList()) {
                    Files.delete(old);
                }
            }
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClusterIntents(cluster.name(), directory);
    }

    public String cluster() {
        return cluster;
    }

    public Path directory() {
        return directory;
    }

    /** Writes (or replaces) one YAML file atomically; intent-service notices it within its poll interval. */
    public void put(String file, String yaml) {
        try {
            Path tmp = Files.createTempFile(directory.getParent(), "." + file, ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, directory.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(String file) {
        try {
            Files.deleteIfExists(directory.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An L2VNI like seed 000's (host bridge autocreated, anycast gateway, VRF red), for the add/remove test. */
    public static String l2vni(String name, int vni, String gatewayCidr) {
        return """
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L2VNI
                metadata:
                  name: %s
                  namespace: openperouter-system
                spec:
                  hostmaster:
                    autocreate: true
                    type: bridge
                  l2gatewayip: %s
                  vni: %d
                  vrf: red
                """.formatted(name, gatewayCidr, vni);
    }
}
