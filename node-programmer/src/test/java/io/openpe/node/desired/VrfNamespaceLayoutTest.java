package io.openpe.node.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.Loopback;
import io.openpe.node.kernel.NicPlacement;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vxlan;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which namespace each object of seed 000 (+ seed 002's host session) goes to on the netns datapath. */
class VrfNamespaceLayoutTest {

    private static final Set<KernelObject> FORWARDING = Set.of(
            new Sysctl("net.ipv4.ip_forward", "1"),
            new Sysctl("net.ipv6.conf.all.forwarding", "1"),
            new Sysctl("net.ipv4.conf.all.arp_accept", "1"),
            new Sysctl("net.ipv4.conf.default.arp_accept", "1"),
            new Sysctl("net.ipv6.conf.all.accept_untracked_na", "1"),
            new Sysctl("net.ipv6.conf.default.accept_untracked_na", "1"),
            new Loopback(true));

    private static VrfNamespaceLayout layoutOf(NodePlan plan) {
        return VrfNamespaceLayout.of(plan, DesiredState.from(plan, Namespaces.defaults()));
    }

    @Test
    void seed000WithHostSessionPutsEveryLinkOfVrfRedIntoItsNamespace() {
        NodePlan plan = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of("toswitch"))),
                List.of(SeedPlans.red(true)), List.of(SeedPlans.l2vni110(Optional.of("red"), "192.170.1.1/24")));
        VrfNamespaceLayout layout = layoutOf(plan);

        Set<KernelObject> router = new HashSet<>(FORWARDING);
        router.add(new Address(Side.ROUTER, "lo", "100.65.0.0/32"));
        router.add(NicPlacement.desired("toswitch"));
        assertEquals(router, objects(layout.router()));

        Set<KernelObject> red = new HashSet<>(FORWARDING);
        red.addAll(Set.of(
                new Bridge(Side.ROUTER, "br-pe-100", Optional.of("00:f3:00:00:00:65"), OptionalInt.of(1450), true),
                Vxlan.desired("vni100", 100, "100.65.0.0", 4789, 1450),
                new LinkMaster(Side.ROUTER, "vni100", "br-pe-100", true),
                Veth.desired("pe-100", "host-100", 1450),
                new Address(Side.ROUTER, "pe-100", "192.169.10.1/24"),
                new Address(Side.HOST, "host-100", "192.169.10.2/24"),
                new Bridge(Side.ROUTER, "br-pe-110", Optional.of("00:f3:00:00:00:6f"), OptionalInt.of(1450), true),
                new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24"),
                Vxlan.desired("vni110", 110, "100.65.0.0", 4789, 1450),
                new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", true),
                Veth.desired("pe-110", "host-110", 1450),
                new LinkMaster(Side.ROUTER, "pe-110", "br-pe-110", false),
                new Bridge(Side.HOST, "br-hs-110", Optional.empty(), OptionalInt.empty(), true),
                new LinkMaster(Side.HOST, "host-110", "br-hs-110", false)));
        assertEquals(Set.of("red"), layout.vrfs().keySet());
        assertEquals(red, objects(layout.vrfs().get("red")));
        assertEquals(Map.of(100L, "red", 110L, "red"), layout.vniToVrf());
    }

    @Test
    void anL2vniWithoutVrfStaysInTheRouterNamespace() {
        VrfNamespaceLayout layout = layoutOf(SeedPlans.l2Only(List.of("toswitch")));
        assertEquals(Map.of(), layout.vrfs());
        assertEquals(objects(DesiredState.from(SeedPlans.l2Only(List.of("toswitch")), Namespaces.defaults())
                .kernel()), objects(layout.router()));
    }

    @Test
    void aVrfNamedOnlyByAnL2vniGetsANamespaceToo() {
        NodePlan plan = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of())), List.of(),
                List.of(SeedPlans.l2vni110(Optional.of("rouge"), "192.170.1.1/24")));
        VrfNamespaceLayout layout = layoutOf(plan);
        assertEquals(Set.of("rouge"), layout.vrfs().keySet());
        assertEquals(true, objects(layout.vrfs().get("rouge")).contains(
                new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24")));
    }

    private static Set<KernelObject> objects(List<DesiredObject> desired) {
        Set<KernelObject> objects = new HashSet<>();
        desired.forEach(d -> objects.add(d.object()));
        assertEquals(desired.size(), objects.size(), "no object twice");
        return objects;
    }
}
