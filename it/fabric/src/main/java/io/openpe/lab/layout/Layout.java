package io.openpe.lab.layout;

import io.openpe.rules.Cidr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every name and address of a fabric, derived from its {@link FabricSpec} alone so that a second build, a teardown
 * and the sweep of a killed run all find the same objects. Namespaces are {@code <prefix>-<what>}; the only links in
 * the root namespace are {@code <prefix>-mgmt} (the management bridge) and its ports {@code <prefix>-<key><i>m}.
 */
public record Layout(FabricSpec spec, String spineNetns, Path spineFrrDirectory, String managementBridge,
        String managementCidr, List<ClusterLayout> clusters) {

    /** The spine's /31s to the leafs: spine 192.168.255.2k, leaf k 192.168.255.2k+1. */
    private static final Cidr SPINE_LINKS = Cidr.parse("192.168.255.0/24");

    public Layout {
        clusters = List.copyOf(clusters);
    }

    public static Layout of(FabricSpec spec) {
        String prefix = spec.prefix();
        Path state = stateDirectory(spec);
        Cidr management = Cidr.parse(spec.managementSubnet());
        List<ClusterLayout> clusters = new ArrayList<>();
        int managementHost = 10;
        for (int k = 0; k < spec.clusters().size(); k++) {
            ClusterSpec cluster = spec.clusters().get(k);
            Cidr underlay = Cidr.parse(cluster.underlaySubnet());
            Cidr vteps = Cidr.parse(cluster.vtepCidr());
            Cidr routerIds = Cidr.parse(cluster.routerIdCidr());
            List<NodeLayout> nodes = new ArrayList<>();
            for (int i = 0; i < cluster.nodes(); i++) {
                String id = cluster.key() + i;
                nodes.add(new NodeLayout(nodeName(cluster.name(), i), cluster.name(), i, prefix + "-" + id + "r",
                        prefix + "-" + id + "h", underlay.hostAt(i + 3) + "/" + underlay.prefixLength(), "port" + i,
                        management.hostAt(managementHost++) + "/24", prefix + "-" + id + "m",
                        state.resolve(id + "r"), cluster.nodeAsn(), vteps.hostAt(i).toString(),
                        routerIds.hostAt(i + 1).toString()));
            }
            clusters.add(new ClusterLayout(cluster, prefix + "-leaf" + cluster.key(),
                    state.resolve("leaf" + cluster.key()), SPINE_LINKS.hostAt(2L * k + 1) + "/31",
                    "to-" + cluster.key(), SPINE_LINKS.hostAt(2L * k) + "/31", nodes));
        }
        return new Layout(spec, prefix + "-spine", state.resolve("spine"), prefix + "-mgmt",
                management.hostAt(1) + "/24", clusters);
    }

    /** {@code <stateRoot>/<prefix>}. */
    public static Path stateDirectory(FabricSpec spec) {
        return spec.stateRoot().resolve(spec.prefix());
    }

    /**
     * Kind's node names: {@code <cluster>-control-plane} for index 0, then {@code <cluster>-worker},
     * {@code <cluster>-worker2}, … (seed 002 schedules on {@code pe-kind-worker}).
     */
    public static String nodeName(String cluster, int index) {
        return switch (index) {
            case 0 -> cluster + "-control-plane";
            case 1 -> cluster + "-worker";
            default -> cluster + "-worker" + index;
        };
    }

    /** Whether a namespace or root-namespace link name belongs to fabrics of this prefix. */
    public static boolean owns(String prefix, String name) {
        return name.startsWith(prefix + "-");
    }

    public String managementAddress() {
        return ClusterLayout.address(managementCidr);
    }

    public List<NodeLayout> nodes() {
        return clusters.stream().flatMap(c -> c.nodes().stream()).toList();
    }

    public Optional<NodeLayout> node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The namespace of a workload. */
    public String workloadNetns(String workload) {
        return spec.prefix() + "-w-" + workload;
    }

    /** The external host of a fabric with {@link FabricSpec#netnsVrfs()}: behind the first cluster's last node. */
    public Optional<ExternalHostLayout> externalHost() {
        if (!spec.netnsVrfs()) {
            return Optional.empty();
        }
        NodeLayout node = clusters.getFirst().nodes().getLast();
        return Optional.of(new ExternalHostLayout(spec.prefix() + "-ext", node,
                node.frrDirectory().resolveSibling(node.name() + "-speaker")));
    }

    /** Spine and leafs first, then each node's router and host namespace (and the external host's). */
    public List<String> namespaces() {
        List<String> names = new ArrayList<>();
        names.add(spineNetns);
        clusters.forEach(c -> names.add(c.leafNetns()));
        nodes().forEach(n -> {
            names.add(n.routerNetns());
            names.add(n.hostNetns());
        });
        externalHost().ifPresent(e -> names.add(e.netns()));
        return names;
    }
}
