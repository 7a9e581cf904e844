package io.openpe.lab;

import io.openpe.lab.layout.ClusterLayout;
import io.openpe.lab.layout.ExternalHostLayout;
import io.openpe.lab.layout.FabricConfigs;
import io.openpe.lab.layout.FabricSpec;
import io.openpe.lab.layout.Layout;
import io.openpe.lab.layout.NodeLayout;
import io.openpe.lab.layout.WorkloadSpec;
import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seeds' fabric on this machine (DESIGN §10): per cluster a leaf and its nodes, the leafs under one spine, FRR in
 * every router namespace, and a management bridge in the root namespace through which the nodes' FRR reaches
 * route-service's BMP listener. The lab starts no openpe service: the caller starts one node-programmer per
 * {@link LabNode} with {@link LabNode#nodeProgrammerProperties()} and route-service with
 * {@code openpe.bmp.allowed-cidrs} = {@link #bmpSourceCidr()}.
 *
 * <p>{@link #up} is idempotent for the process that built the fabric and, for anyone else, first removes what a dead
 * run of the same prefix left behind; {@link #close()} removes every namespace, root-namespace link, process and
 * file of the prefix.
 */
public final class FabricLab implements AutoCloseable {

    private final Layout layout;
    private final List<LabCluster> clusters;
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private volatile boolean closed;

    private FabricLab(Layout layout) {
        this.layout = layout;
        List<LabCluster> built = new ArrayList<>();
        for (ClusterLayout cluster : layout.clusters()) {
            built.add(new LabCluster(cluster, cluster.nodes().stream()
                    .map(node -> new LabNode(node, layout.spec().netnsVrfs())).toList()));
        }
        this.clusters = List.copyOf(built);
    }

    /**
     * Why the lab cannot run here, in one line, or empty when it can: it needs root (namespaces, links) and FRR 8.4
     * ({@code zebra}, {@code bgpd}, {@code vtysh}).
     */
    public static Optional<String> unavailable() {
        CommandResult id = Shell.run("id", "-u");
        if (!id.ok() || !id.stdout().strip().equals("0")) {
            return Optional.of("not root: the fabric lab needs CAP_NET_ADMIN to create network namespaces");
        }
        if (!FrrDaemons.installed()) {
            return Optional.of("FRR not installed: the fabric lab needs /usr/lib/frr/zebra, /usr/lib/frr/bgpd and"
                    + " /usr/bin/vtysh (apt-get install frr)");
        }
        return Optional.empty();
    }

    /** Builds the fabric (or finds it built by this process) and returns it once every FRR answers. */
    public static FabricLab up(FabricSpec spec) {
        unavailable().ifPresent(reason -> {
            throw new LabException(reason);
        });
        Layout layout = Layout.of(spec);
        FabricLab lab = new FabricLab(layout);
        Owner owner = Owner.read(Layout.stateDirectory(spec));
        if (owner.aliveOther()) {
            throw new LabException("fabric prefix " + spec.prefix() + " is in use by running process " + owner.pid()
                    + " (" + Layout.stateDirectory(spec) + "/owner); choose another prefix");
        }
        if (!owner.self()) {
            sweep(spec.prefix(), spec.stateRoot());
        }
        try {
            Owner.write(Layout.stateDirectory(spec));
            lab.build();
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /**
     * Removes everything of fabrics with this prefix: the processes inside their namespaces (FRR, workload pings),
     * the namespaces with their links, the root-namespace links and the state directory. Safe when nothing is left.
     */
    public static void sweep(String prefix, Path stateRoot) {
        List<String> namespaces = Shell.namespaces().stream().filter(ns -> Layout.owns(prefix, ns)).toList();
        for (String ns : namespaces) {
            for (String pid : Shell.run("ip", "netns", "pids", ns).stdout().lines().map(String::strip)
                    .filter(s -> s.matches("\\d+")).toList()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(Processes::terminate);
            }
        }
        for (String ns : namespaces) {
            Shell.run("ip", "netns", "del", ns);
        }
        for (String link : rootLinks()) {
            if (Layout.owns(prefix, link)) {
                Shell.run("ip", "link", "del", link);
            }
        }
        Shell.run("rm", "-rf", stateRoot.resolve(prefix).toString());
    }

    /** Namespaces and root-namespace links of this prefix that still exist (empty after {@link #close()}). */
    public static List<String> leftovers(String prefix) {
        List<String> left = new ArrayList<>(Shell.namespaces().stream().filter(ns -> Layout.owns(prefix, ns))
                .toList());
        rootLinks().stream().filter(l -> Layout.owns(prefix, l)).forEach(left::add);
        return left;
    }

    private static List<String> rootLinks() {
        // "7: name@if6: <BROADCAST,...>" or "3: name: <...>"
        return Shell.run("ip", "-o", "link", "show").stdout().lines().map(l -> l.split(": ", 3))
                .filter(parts -> parts.length > 1).map(parts -> parts[1].split("@")[0]).toList();
    }

    private void build() {
        requireManagementSubnetFree();
        for (String ns : layout.namespaces()) {
            if (!Shell.namespaces().contains(ns)) {
                Shell.run("ip", "netns", "add", ns).orThrow();
            }
            Shell.ip(ns, "link", "set", "lo", "up");
        }
        // Leafs and spine route the underlay between the clusters: VXLAN from a VTEP of A to one of B crosses them.
        forwarding(layout.spineNetns());
        for (ClusterLayout cluster : layout.clusters()) {
            forwarding(cluster.leafNetns());
            buildLeaf(cluster);
        }
        buildManagementBridge();
        for (NodeLayout node : layout.nodes()) {
            buildNode(layout.clusters().stream().filter(c -> c.name().equals(node.cluster())).findFirst()
                    .orElseThrow(), node);
        }
        FrrDaemons.ensure(layout.spineNetns(), layout.spineFrrDirectory(), FabricConfigs.spine(layout));
        for (ClusterLayout cluster : layout.clusters()) {
            FrrDaemons.ensure(cluster.leafNetns(), cluster.leafFrrDirectory(), FabricConfigs.leaf(cluster, layout));
        }
        for (NodeLayout node : layout.nodes()) {
            FrrDaemons.ensure(node.routerNetns(), node.frrDirectory(), FabricConfigs.nodeInitial(node),
                    layout.spec().netnsVrfs());
        }
        layout.externalHost().ifPresent(this::buildExternalHost);
    }

    /**
     * The external host on the red network (ExternalHostLayout): its cable to the node's host namespace, the HTTP
     * server answering the client's address, and the host session's BGP speaker in the node's host namespace.
     */
    private void buildExternalHost(ExternalHostLayout ext) {
        String host = ext.node().hostNetns();
        if (!Shell.linkExists(host, ExternalHostLayout.NODE_LINK)) {
            Shell.ip(host, "link", "add", ExternalHostLayout.NODE_LINK, "type", "veth", "peer", "name",
                    ExternalHostLayout.HOST_LINK, "netns", ext.netns());
        }
        Shell.ip(host, "addr", "replace", ExternalHostLayout.GATEWAY + "/24", "dev", ExternalHostLayout.NODE_LINK);
        Shell.ip(host, "link", "set", ExternalHostLayout.NODE_LINK, "up");
        Shell.ip(ext.netns(), "addr", "replace", ExternalHostLayout.CIDR, "dev", ExternalHostLayout.HOST_LINK);
        Shell.ip(ext.netns(), "link", "set", ExternalHostLayout.HOST_LINK, "up");
        Shell.ip(ext.netns(), "route", "replace", "default", "via", ExternalHostLayout.GATEWAY);
        forwarding(host);
        ClientIpServer.ensure(ext.netns(), ext.speakerDirectory().resolveSibling("clientip"));
        FrrDaemons.ensure(host, ext.speakerDirectory(), ext.speakerConfig());
    }

    /** The external host of a fabric built with {@code FabricSpec.withNetnsVrfs()}. */
    public Optional<ExternalHostLayout> externalHost() {
        return layout.externalHost();
    }

    private static void forwarding(String ns) {
        Shell.in(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1").orThrow();
    }

    private void buildLeaf(ClusterLayout cluster) {
        String leaf = cluster.leafNetns();
        if (!Shell.linkExists(layout.spineNetns(), cluster.spinePort())) {
            Shell.ip(layout.spineNetns(), "link", "add", cluster.spinePort(), "type", "veth", "peer", "name",
                    ClusterLayout.LEAF_UPLINK, "netns", leaf);
        }
        Shell.ip(layout.spineNetns(), "addr", "replace", cluster.spineDownlinkCidr(), "dev", cluster.spinePort());
        Shell.ip(layout.spineNetns(), "link", "set", cluster.spinePort(), "up");
        Shell.ip(leaf, "addr", "replace", cluster.leafUplinkCidr(), "dev", ClusterLayout.LEAF_UPLINK);
        Shell.ip(leaf, "link", "set", ClusterLayout.LEAF_UPLINK, "up");
        if (!Shell.linkExists(leaf, ClusterLayout.LEAF_BRIDGE)) {
            Shell.ip(leaf, "link", "add", ClusterLayout.LEAF_BRIDGE, "type", "bridge");
        }
        int length = Cidr.parse(cluster.spec().underlaySubnet()).prefixLength();
        Shell.ip(leaf, "addr", "replace", cluster.spec().leafAddress() + "/" + length, "dev",
                ClusterLayout.LEAF_BRIDGE);
        Shell.ip(leaf, "link", "set", ClusterLayout.LEAF_BRIDGE, "up");
    }

    private void buildManagementBridge() {
        String bridge = layout.managementBridge();
        if (!Shell.linkExists("", bridge)) {
            Shell.ip("", "link", "add", bridge, "type", "bridge");
        }
        Shell.ip("", "addr", "replace", layout.managementCidr(), "dev", bridge);
        Shell.ip("", "link", "set", bridge, "up");
    }

    private void buildNode(ClusterLayout cluster, NodeLayout node) {
        String leaf = cluster.leafNetns();
        // The cable is found by its leaf end: node-programmer moves toswitch into the router namespace.
        if (!Shell.linkExists(leaf, node.leafPort())) {
            Shell.ip(node.hostNetns(), "link", "add", NodeLayout.UNDERLAY_NIC, "type", "veth", "peer", "name",
                    node.leafPort(), "netns", leaf);
            Shell.ip(node.hostNetns(), "addr", "add", node.underlayCidr(), "dev", NodeLayout.UNDERLAY_NIC);
            Shell.ip(node.hostNetns(), "link", "set", NodeLayout.UNDERLAY_NIC, "up");
        }
        Shell.ip(leaf, "link", "set", node.leafPort(), "master", ClusterLayout.LEAF_BRIDGE);
        Shell.ip(leaf, "link", "set", node.leafPort(), "up");
        if (!Shell.linkExists("", node.rootPort())) {
            Shell.ip("", "link", "add", node.rootPort(), "type", "veth", "peer", "name", NodeLayout.MANAGEMENT_LINK,
                    "netns", node.routerNetns());
        }
        Shell.ip("", "link", "set", node.rootPort(), "master", layout.managementBridge());
        Shell.ip("", "link", "set", node.rootPort(), "up");
        Shell.ip(node.routerNetns(), "addr", "replace", node.managementCidr(), "dev", NodeLayout.MANAGEMENT_LINK);
        Shell.ip(node.routerNetns(), "link", "set", NodeLayout.MANAGEMENT_LINK, "up");
    }

    /** Another interface in the root namespace holding an address of the management subnet would steal its routes. */
    private void requireManagementSubnetFree() {
        Cidr subnet = Cidr.parse(layout.spec().managementSubnet());
        for (String line : Shell.run("ip", "-o", "-4", "addr", "show").stdout().lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || fields[1].equals(layout.managementBridge())) {
                continue;
            }
            String address = fields[3].split("/")[0];
            if (subnet.contains(IpAddress.parse(address))) {
                throw new LabException("management subnet " + subnet + " is in use by " + fields[1] + " (" + fields[3]
                        + "); give this fabric another one (FabricSpec.withManagementSubnet)");
            }
        }
    }

    public Layout layout() {
        return layout;
    }

    public String prefix() {
        return layout.spec().prefix();
    }

    public List<LabCluster> clusters() {
        return clusters;
    }

    public LabCluster cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster " + name));
    }

    public List<LabNode> nodes() {
        return clusters.stream().flatMap(c -> c.nodes().stream()).toList();
    }

    public LabNode node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    /**
     * The address route-service is reached at from every router namespace (its BMP listener binds in the root
     * namespace): put it in intent-service's {@code openpe.bmp.address}.
     */
    public String bmpAddress() {
        return layout.managementAddress();
    }

    /** Where the nodes' BMP sessions come from: route-service's {@code openpe.bmp.allowed-cidrs}. */
    public String bmpSourceCidr() {
        return layout.spec().managementSubnet();
    }

    /**
     * Kills one FRR daemon ({@code zebra} or {@code bgpd}) of {@code node} with SIGKILL, as a crash would; the other
     * daemon runs on. {@link #restartDaemon} brings it back.
     */
    public void killDaemon(LabNode node, String daemon) {
        requireKernelVrfs();
        FrrDaemons.kill(node.frrVtyDir(), daemon);
    }

    /** Starts a killed daemon of {@code node} again from its frr.conf (what node-programmer last applied). */
    public void restartDaemon(LabNode node, String daemon) {
        requireKernelVrfs();
        FrrDaemons.restart(node.routerNetns(), node.frrVtyDir(), daemon);
    }

    /** SIGSTOP to one FRR daemon of {@code node}: it stays, holds its sockets and answers nothing (a hung FRR). */
    public void hangDaemon(LabNode node, String daemon) {
        FrrDaemons.signal(node.frrVtyDir(), daemon, "STOP");
    }

    /** SIGCONT to a daemon {@link #hangDaemon} stopped. */
    public void resumeDaemon(LabNode node, String daemon) {
        FrrDaemons.signal(node.frrVtyDir(), daemon, "CONT");
    }

    /** The netns VRF fabric starts its daemons in a mount namespace of their own, which a restart cannot join yet. */
    private void requireKernelVrfs() {
        if (layout.spec().netnsVrfs()) {
            throw new LabException("restarting one daemon is not supported on a fabric with netns VRFs");
        }
    }

    /** vtysh against the spine's FRR. */
    public CommandResult spineVtysh(String... commands) {
        return FrrDaemons.vtysh(layout.spineNetns(), layout.spineFrrDirectory(), commands);
    }

    /**
     * Plugs a workload into {@code br-hs-<vni>} of the node's host namespace, waiting up to {@code bridgeTimeout} for
     * node-programmer to have created that bridge. A workload of the same name is re-plugged (same namespace).
     */
    public synchronized Workload plug(WorkloadSpec spec, LabNode node, Duration bridgeTimeout) {
        Workload workload = workloads.get(spec.name());
        if (workload == null) {
            workload = new Workload(spec, layout.workloadNetns(spec.name()));
            workloads.put(spec.name(), workload);
        }
        workload.plugInto(node, bridgeTimeout);
        return workload;
    }

    public synchronized Optional<Workload> workload(String name) {
        return Optional.ofNullable(workloads.get(name));
    }

    /** Removes the fabric when the JVM exits (Ctrl-C of a main that built it). */
    public FabricLab removeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::close));
        return this;
    }

    /** Removes every namespace, root-namespace link, process and file of this prefix. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweep(layout.spec().prefix(), layout.spec().stateRoot());
    }

    /** Which process built the fabric of a prefix: {@code <pid> <start instant>} in {@code <state>/owner}. */
    private record Owner(long pid, String started) {

        static Owner read(Path state) {
            try {
                Path file = state.resolve("owner");
                if (!Files.exists(file)) {
                    return new Owner(-1, "");
                }
                String[] parts = Files.readString(file).strip().split(" ", 2);
                return new Owner(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "");
            } catch (IOException | NumberFormatException e) {
                return new Owner(-1, "");
            }
        }

        static void write(Path state) {
            try {
                Files.createDirectories(state);
                Files.writeString(state.resolve("owner"), ProcessHandle.current().pid() + " " + startOf(
                        ProcessHandle.current()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean self() {
            return pid == ProcessHandle.current().pid() && started.equals(startOf(ProcessHandle.current()));
        }

        /** A live process with the recorded pid and start time (a reused pid is not the owner). */
        boolean aliveOther() {
            return !self() && ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> startOf(p).equals(started)).orElse(false);
        }

        private static String startOf(ProcessHandle process) {
            return process.info().startInstant().map(Object::toString).orElse("?");
        }
    }
}
