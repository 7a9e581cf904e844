package io.openpe.lab.layout;

import io.openpe.rules.Cidr;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A fabric to build: clusters under one spine, and where the nodes' FRR reaches the root namespace (BMP to
 * route-service).
 *
 * @param prefix starts every namespace, root-namespace link and state directory of this fabric, so runs with
 *     different prefixes never collide and a killed run's leftovers are found again (1 to 8 of {@code [a-z0-9]})
 * @param managementSubnet a /24 for the root-namespace bridge ({@code .1}, where route-service listens) and the
 *     nodes' {@code mgmt} links ({@code .10} up); parallel fabrics need different subnets
 * @param stateRoot directory under which {@code <prefix>/} holds FRR configurations, sockets and pid files
 * @param netnsVrfs opt-in L3 on a kernel without VRF devices: every node's zebra runs with {@code -n} in a mount
 *     namespace of its own (node-programmer {@code openpe.node.vrf-datapath=netns}), and the seeds' external host
 *     {@link ExternalHostLayout} sits behind the L3VNI host session of the first cluster's last node
 */
public record FabricSpec(String prefix, List<ClusterSpec> clusters, long spineAsn, String managementSubnet,
        Path stateRoot, boolean netnsVrfs) {

    public static final Path DEFAULT_STATE_ROOT = Path.of("/tmp/openpe-lab");
    public static final long SPINE_ASN = 64612;

    public FabricSpec {
        if (prefix == null || !prefix.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("prefix must be 1 to 8 of [a-z0-9] (link names hold 15 characters),"
                    + " got " + prefix);
        }
        clusters = List.copyOf(clusters);
        if (clusters.isEmpty()) {
            throw new IllegalArgumentException("a fabric needs a cluster");
        }
        if (clusters.stream().map(ClusterSpec::key).distinct().count() != clusters.size()
                || clusters.stream().map(ClusterSpec::name).distinct().count() != clusters.size()) {
            throw new IllegalArgumentException("cluster names and keys must be unique");
        }
        Cidr management = Cidr.parse(managementSubnet);
        if (management.prefixLength() != 24 || management.isIpv6()) {
            throw new IllegalArgumentException("management subnet must be an IPv4 /24, got " + managementSubnet);
        }
        Objects.requireNonNull(stateRoot, "stateRoot");
    }

    /** The default fabric: kernel-VRF mode for the nodes' FRR, no external host. */
    public FabricSpec(String prefix, List<ClusterSpec> clusters, long spineAsn, String managementSubnet,
            Path stateRoot) {
        this(prefix, clusters, spineAsn, managementSubnet, stateRoot, false);
    }

    /**
     * OpenPERouter's multi-cluster example: {@code pe-kind-a} and {@code pe-kind-b} with {@code nodesPerCluster}
     * nodes each under spine AS 64612, the management subnet chosen from the prefix.
     */
    public static FabricSpec seeds(String prefix, int nodesPerCluster) {
        return new FabricSpec(prefix, List.of(ClusterSpec.kindA(nodesPerCluster), ClusterSpec.kindB(nodesPerCluster)),
                SPINE_ASN, defaultManagementSubnet(prefix), DEFAULT_STATE_ROOT);
    }

    /** 172.31.X.0/24 with X from the prefix: different prefixes rarely share it, the build checks it is free. */
    public static String defaultManagementSubnet(String prefix) {
        return "172.31." + (16 + Math.floorMod(prefix.hashCode(), 224)) + ".0/24";
    }

    public FabricSpec withManagementSubnet(String subnet) {
        return new FabricSpec(prefix, clusters, spineAsn, subnet, stateRoot, netnsVrfs);
    }

    public FabricSpec withClusters(List<ClusterSpec> other) {
        return new FabricSpec(prefix, other, spineAsn, managementSubnet, stateRoot, netnsVrfs);
    }

    public FabricSpec withStateRoot(Path root) {
        return new FabricSpec(prefix, clusters, spineAsn, managementSubnet, root, netnsVrfs);
    }

    /** This fabric with network-namespace VRFs and the external host on the red network (see {@code netnsVrfs}). */
    public FabricSpec withNetnsVrfs() {
        return new FabricSpec(prefix, clusters, spineAsn, managementSubnet, stateRoot, true);
    }
}
