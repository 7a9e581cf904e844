package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.HostSession;
import io.openpe.node.desired.NodePlan.L2Domain;
import io.openpe.node.desired.NodePlan.L3Domain;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.NodePlan.Underlay;
import io.openpe.node.frr.FrrConfig;
import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.Loopback;
import io.openpe.node.kernel.NicPlacement;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vrf;
import io.openpe.node.kernel.Vxlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What a node must look like for a plan: the kernel objects of DESIGN §5 and the FRR model. Pure: the same plan and
 * namespaces always give the same value.
 */
public record DesiredState(Namespaces namespaces, List<DesiredObject> kernel, FrrConfig frr, List<FrrPart> frrParts) {

    /** The router namespace's sysctls (DESIGN §5). */
    static final List<Sysctl> ROUTER_SYSCTLS = List.of(
            new Sysctl("net.ipv4.ip_forward", "1"),
            new Sysctl("net.ipv6.conf.all.forwarding", "1"),
            // A migrated VM's gratuitous ARP / unsolicited NA creates the neighbour entry at once, which FRR then
            // advertises as a type-2 MAC/IP route: this is what makes MAC/IP mobility fast. "default" covers bridges
            // created after the setting.
            new Sysctl("net.ipv4.conf.all.arp_accept", "1"),
            new Sysctl("net.ipv4.conf.default.arp_accept", "1"),
            new Sysctl("net.ipv6.conf.all.accept_untracked_na", "1"),
            new Sysctl("net.ipv6.conf.default.accept_untracked_na", "1"));

    static final int DEFAULT_VXLAN_PORT = 4789;
    static final int DEFAULT_UNDERLAY_MTU = 1500;
    /** IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14) headers. */
    static final int VXLAN_OVERHEAD = 50;
    static final int MIN_OVERLAY_MTU = 1280;

    public DesiredState {
        kernel = List.copyOf(kernel);
        frrParts = List.copyOf(frrParts);
    }

    public static DesiredState from(NodePlan plan, Namespaces namespaces) {
        List<DesiredObject> kernel = new ArrayList<>();
        SourceRef node = new SourceRef("Node", plan.cluster(), plan.node());
        ROUTER_SYSCTLS.forEach(sysctl -> kernel.add(DesiredObject.of(sysctl, node)));
        kernel.add(DesiredObject.of(new Loopback(true), node));
        plan.underlay().ifPresent(underlay -> kernel.addAll(underlayToKernel(underlay)));
        int overlayMtu = overlayMtu(plan);
        for (L3Domain l3 : plan.l3Domains()) {
            kernel.addAll(l3DomainToKernel(l3, overlayMtu));
        }
        Map<String, Long> nodeLocalVrfs = nodeLocalVrfs(plan);
        nodeLocalVrfs.forEach((vrf, vni) -> kernel.add(DesiredObject.inVrf(Vrf.desired(vrf, vni),
                plan.l2Domains().stream().filter(l2 -> l2.vrf().orElse("").equals(vrf)).findFirst().orElseThrow()
                        .source(), vrf)));
        for (L2Domain l2 : plan.l2Domains()) {
            kernel.addAll(l2DomainToKernel(l2));
        }
        return new DesiredState(namespaces, dedupe(kernel), FrrConfigs.fromPlan(plan), FrrConfigs.parts(plan));
    }

    public List<KernelObject> kernelObjects() {
        return kernel.stream().map(DesiredObject::object).toList();
    }

    static List<DesiredObject> underlayToKernel(Underlay underlay) {
        List<DesiredObject> objects = new ArrayList<>();
        objects.add(DesiredObject.of(new Address(Side.ROUTER, Loopback.NAME, underlay.vtepIp() + "/32"),
                underlay.source()));
        for (String nic : underlay.nics()) {
            objects.add(DesiredObject.of(NicPlacement.desired(nic), underlay.source()));
        }
        return objects;
    }

    static List<DesiredObject> l3DomainToKernel(L3Domain l3, int overlayMtu) {
        SourceRef source = l3.source();
        String vrf = l3.vrf();
        List<DesiredObject> objects = new ArrayList<>();
        objects.add(DesiredObject.inVrf(Vrf.desired(vrf, l3.vni()), source, vrf));
        objects.add(DesiredObject.of(new Bridge(Side.ROUTER, l3.bridge(), l3.routerMac().map(DesiredState::mac),
                OptionalInt.of(overlayMtu), true), source));
        objects.add(DesiredObject.inVrf(new LinkMaster(Side.ROUTER, l3.bridge(), vrf, false), source, vrf));
        objects.addAll(vxlanToKernel(l3.vxlan(), l3.bridge(), overlayMtu, source));
        l3.hostSession().ifPresent(session -> objects.addAll(hostSessionToKernel(session, vrf, source)));
        return objects;
    }

    static List<DesiredObject> hostSessionToKernel(HostSession session, String vrf, SourceRef source) {
        List<DesiredObject> objects = new ArrayList<>();
        String routerEnd = session.veth().routerName();
        String hostEnd = session.veth().hostName();
        objects.add(DesiredObject.of(Veth.desired(routerEnd, hostEnd, session.veth().mtu()), source));
        objects.add(DesiredObject.inVrf(new LinkMaster(Side.ROUTER, routerEnd, vrf, false), source, vrf));
        for (Optional<String> cidr : List.of(session.routerIpv4(), session.routerIpv6())) {
            cidr.ifPresent(c -> objects.add(DesiredObject.inVrf(new Address(Side.ROUTER, routerEnd, c), source, vrf)));
        }
        for (Optional<String> cidr : List.of(session.hostIpv4(), session.hostIpv6())) {
            cidr.ifPresent(c -> objects.add(DesiredObject.of(new Address(Side.HOST, hostEnd, c), source)));
        }
        return objects;
    }

    static List<DesiredObject> l2DomainToKernel(L2Domain l2) {
        SourceRef source = l2.source();
        int mtu = l2.veth().mtu();
        List<DesiredObject> objects = new ArrayList<>();
        objects.add(DesiredObject.of(new Bridge(Side.ROUTER, l2.bridge(), l2.gatewayMac().map(DesiredState::mac),
                OptionalInt.of(mtu), true), source));
        l2.vrf().ifPresent(vrf -> {
            objects.add(DesiredObject.inVrf(new LinkMaster(Side.ROUTER, l2.bridge(), vrf, false), source, vrf));
            l2.gatewayIp().ifPresent(gw -> objects.add(
                    DesiredObject.inVrf(new Address(Side.ROUTER, l2.bridge(), gw), source, vrf)));
        });
        if (l2.vrf().isEmpty()) {
            l2.gatewayIp().ifPresent(gw -> objects.add(
                    DesiredObject.of(new Address(Side.ROUTER, l2.bridge(), gw), source)));
        }
        objects.addAll(vxlanToKernel(l2.vxlan(), l2.bridge(), mtu, source));
        String routerEnd = l2.veth().routerName();
        String hostEnd = l2.veth().hostName();
        objects.add(DesiredObject.of(Veth.desired(routerEnd, hostEnd, mtu), source));
        objects.add(DesiredObject.of(new LinkMaster(Side.ROUTER, routerEnd, l2.bridge(), false), source));
        l2.hostBridge().ifPresent(hostBridge -> {
            if (hostBridge.autocreate()) {
                objects.add(DesiredObject.of(new Bridge(Side.HOST, hostBridge.name(), Optional.empty(),
                        OptionalInt.empty(), true), source));
            }
            objects.add(DesiredObject.of(new LinkMaster(Side.HOST, hostEnd, hostBridge.name(), false), source));
        });
        return objects;
    }

    static List<DesiredObject> vxlanToKernel(NodePlan.VxlanPlan vxlan, String bridge, int mtu, SourceRef source) {
        int port = vxlan.dstPort() == 0 ? DEFAULT_VXLAN_PORT : vxlan.dstPort();
        return List.of(
                DesiredObject.of(Vxlan.desired(vxlan.name(), vxlan.vni(), vxlan.localIp(), port, mtu), source),
                DesiredObject.of(new LinkMaster(Side.ROUTER, vxlan.name(), bridge, true), source));
    }

    /**
     * MTU of the overlay links of L3 domains (bridge and VXLAN): underlay MTU less the VXLAN-over-IPv4 overhead,
     * never below the IPv6 minimum. L2 domains carry the same value, derived by the planner, in their veth plan.
     */
    static int overlayMtu(NodePlan plan) {
        int underlay = plan.underlay().map(Underlay::mtu).filter(m -> m > 0).orElse(DEFAULT_UNDERLAY_MTU);
        return Math.max(MIN_OVERLAY_MTU, underlay - VXLAN_OVERHEAD);
    }

    /**
     * VRFs named only by L2 domains, each with the VNI its table id derives from: the lowest L2 VNI in it, which is
     * stable as long as that domain exists.
     */
    static Map<String, Long> nodeLocalVrfs(NodePlan plan) {
        Map<String, Long> vrfs = new TreeMap<>();
        for (L2Domain l2 : plan.l2Domains()) {
            l2.vrf().filter(vrf -> plan.l3Domains().stream().noneMatch(l3 -> l3.vrf().equals(vrf)))
                    .ifPresent(vrf -> vrfs.merge(vrf, l2.vni(), Math::min));
        }
        return vrfs;
    }

    static String mac(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Two domains may ask for the same object (the VRF of several L2 domains); keep the first. */
    private static List<DesiredObject> dedupe(List<DesiredObject> objects) {
        Map<String, DesiredObject> byId = new LinkedHashMap<>();
        for (DesiredObject object : objects) {
            DesiredObject previous = byId.putIfAbsent(object.object().id(), object);
            if (previous != null && !previous.object().equals(object.object())) {
                throw new IllegalArgumentException("plan asks for two states of " + object.object().id() + ": "
                        + previous.object() + " (" + previous.source() + ") and " + object.object() + " ("
                        + object.source() + ")");
            }
        }
        return List.copyOf(byId.values());
    }
}
