package io.openpe.lab;

import io.openpe.lab.layout.NodeLayout;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a running fabric: what a node-programmer needs to enact it ({@link #nodeProgrammerProperties()}), and
 * commands against its router and host namespaces and its FRR.
 */
public final class LabNode {

    private final NodeLayout layout;
    private final boolean netnsVrfs;

    /** @param netnsVrfs the node's zebra runs with {@code -n} ({@code FabricSpec#netnsVrfs()}) */
    LabNode(NodeLayout layout, boolean netnsVrfs) {
        this.layout = layout;
        this.netnsVrfs = netnsVrfs;
    }

    public String name() {
        return layout.name();
    }

    public String cluster() {
        return layout.cluster();
    }

    /** The node index intent-service allocates when nodes register in index order. */
    public int index() {
        return layout.index();
    }

    public String routerNetns() {
        return layout.routerNetns();
    }

    public String hostNetns() {
        return layout.hostNetns();
    }

    /** Holds FRR's vty sockets (node-programmer {@code openpe.node.frr.vty-dir}). */
    public Path frrVtyDir() {
        return layout.frrDirectory();
    }

    /** Holds frr.conf (node-programmer {@code openpe.node.frr.config-dir}). */
    public Path frrConfigDir() {
        return layout.frrDirectory();
    }

    public Path frrConfigFile() {
        return layout.frrConfigFile();
    }

    /** {@code toswitch}, in the host namespace until node-programmer moves it into the router namespace. */
    public String underlayNic() {
        return NodeLayout.UNDERLAY_NIC;
    }

    public String underlayAddress() {
        return layout.underlayAddress();
    }

    /** The router namespace's address on the management bridge, the source address of its BMP session. */
    public String managementAddress() {
        return layout.managementAddress();
    }

    public long asn() {
        return layout.asn();
    }

    /** The VTEP intent-service derives for {@link #index()}: host number index of the cluster's VTEP range. */
    public String vtepIp() {
        return layout.vtepIp();
    }

    /** The router id intent-service derives for {@link #index()}: host number index+1 of the router-id range. */
    public String routerId() {
        return layout.routerId();
    }

    public NodeLayout layout() {
        return layout;
    }

    /**
     * The configuration of this node's node-programmer (docs/configuration.md, node-programmer); on a fabric whose
     * zebra runs with {@code -n}, the netns VRF datapath that FRR mode needs.
     */
    public Map<String, String> nodeProgrammerProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("openpe.cluster", cluster());
        properties.put("openpe.node.name", name());
        properties.put("openpe.node.router-netns", routerNetns());
        properties.put("openpe.node.host-netns", hostNetns());
        properties.put("openpe.node.frr.vty-dir", frrVtyDir().toString());
        properties.put("openpe.node.frr.config-dir", frrConfigDir().toString());
        if (netnsVrfs) {
            properties.put("openpe.node.vrf-datapath", "netns");
        }
        return properties;
    }

    /** vtysh against this node's FRR. */
    public CommandResult vtysh(String... commands) {
        return FrrDaemons.vtysh(routerNetns(), frrVtyDir(), commands);
    }

    /** {@code ip -n <router netns> args…}. */
    public CommandResult routerIp(String... args) {
        return Shell.ipResult(routerNetns(), args);
    }

    /** {@code ip -n <host netns> args…}. */
    public CommandResult hostIp(String... args) {
        return Shell.ipResult(hostNetns(), args);
    }

    /** A program run inside the router namespace. */
    public CommandResult inRouter(String... program) {
        return Shell.in(routerNetns(), program);
    }

    /** Counters of a link of the router namespace, e.g. {@code vni110}. */
    public LinkCounters routerLinkCounters(String link) {
        return LinkCounters.parse(Shell.ip(routerNetns(), "-s", "-j", "link", "show", "dev", link));
    }

    /**
     * The namespace node-programmer's netns VRF datapath makes for VRF {@code vrf} of this node
     * ({@code <router netns>-vrf-<vrf>}, node-programmer DESIGN "netns VRF datapath").
     */
    public String vrfNetns(String vrf) {
        return routerNetns() + "-vrf-" + vrf;
    }

    /** Counters of a link inside a VRF namespace, e.g. {@code vni100} of VRF {@code red} on the netns datapath. */
    public LinkCounters vrfLinkCounters(String vrf, String link) {
        return LinkCounters.parse(Shell.ip(vrfNetns(vrf), "-s", "-j", "link", "show", "dev", link));
    }

    /** {@code ip -n <VRF namespace> args…} on the netns VRF datapath ({@link #vrfNetns}). */
    public CommandResult vrfIp(String vrf, String... args) {
        return Shell.ipResult(vrfNetns(vrf), args);
    }

    /** Whether the router namespace's kernel holds {@code prefix} as a route installed by bgpd. */
    public boolean hasBgpRoute(String prefix) {
        CommandResult routes = Shell.ipResult(routerNetns(), "route", "show", prefix, "proto", "bgp");
        return routes.ok() && !routes.stdout().isBlank();
    }

    /** Whether FRR's zebra and bgpd of this node still run. */
    public boolean frrRunning() {
        return List.of("zebra", "bgpd").stream().allMatch(d -> FrrDaemons.running(frrVtyDir(), d));
    }

    @Override
    public String toString() {
        return cluster() + "/" + name();
    }
}
