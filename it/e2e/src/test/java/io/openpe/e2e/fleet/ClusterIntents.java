package io.openpe.e2e.fleet;

import io.openpe.lab.LabCluster;
import io.openpe.lab.LabNode;
import io.openpe.lab.layout.ClusterSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The intents directory one cluster's intent-service reads: the seeds' YAML as the repository ships it
 * ({@code k8s/examples/local}: L3VNI {@code red}, L2VNI 110, migration L2VNI 666), the cluster's own Underlay and its
 * nodes, all written from the lab's cluster so the two clusters get distinct VTEP and router-id ranges. Tests add and
 * remove files while the service runs, as an operator edits the directory.
 */
public final class ClusterIntents {

    /** The seeds' objects, copied unchanged; the L3VNI's AS is the cluster's node AS (seed 002 names cluster A's). */
    private static final List<String> SEED_FILES = List.of("l2vni-layer2.yaml", "l2vni-migration.yaml");

    private final String cluster;
    private final Path directory;

    private ClusterIntents(String cluster, Path directory) {
        this.cluster = cluster;
        this.directory = directory;
    }

    public static ClusterIntents write(Path root, LabCluster cluster, Path directory) {
        try {
            Files.createDirectories(directory);
            for (String file : SEED_FILES) {
                Files.copy(root.resolve("k8s/examples/local").resolve(file), directory.resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ClusterSpec spec = cluster.spec();
            Files.writeString(directory.resolve("l3vni-red.yaml"), l3vni(spec));
            Files.writeString(directory.resolve("underlay.yaml"), underlay(spec));
            Files.writeString(directory.resolve("nodes.yaml"), nodes(cluster.nodes()));
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

    /** Writes (or replaces) one YAML file; intent-service notices it within its poll interval. */
    public void put(String file, String yaml) {
        try {
            Path tmp = directory.resolve("." + file + ".tmp");
            Files.writeString(tmp, yaml);
            Files.move(tmp, directory.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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

    private static String underlay(ClusterSpec spec) {
        return """
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: Underlay
                metadata:
                  name: underlay
                  namespace: openperouter-system
                spec:
                  asn: %d
                  routeridcidr: %s
                  evpn:
                    vtepcidr: %s
                  nics:
                    - toswitch
                  neighbors:
                    - asn: %d
                      address: %s
                """.formatted(spec.nodeAsn(), spec.routerIdCidr(), spec.vtepCidr(), spec.leafAsn(),
                spec.leafAddress());
    }

    private static String l3vni(ClusterSpec spec) {
        return """
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L3VNI
                metadata:
                  name: red
                  namespace: openperouter-system
                spec:
                  asn: %d
                  vni: 100
                  localcidr:
                    ipv4: 192.169.10.0/24
                  hostasn: 64515
                """.formatted(spec.nodeAsn());
    }

    private static String nodes(List<LabNode> nodes) {
        StringBuilder out = new StringBuilder();
        // In index order: intent-service gives the lowest free index in order of appearance, as the lab expects.
        for (LabNode node : nodes) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append("""
                    apiVersion: v1
                    kind: Node
                    metadata:
                      name: %s
                      labels:
                        kubernetes.io/hostname: %s
                    """.formatted(node.name(), node.name()));
        }
        return out.toString();
    }

    /** A second L2VNI like the seeds' (bridge host master, gateway), for the add/remove test. */
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
