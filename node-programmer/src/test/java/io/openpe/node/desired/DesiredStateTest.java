package io.openpe.node.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DESIGN §5, object by object, for the seed plans (values derived by hand in {@link SeedPlans}). */
class DesiredStateTest {

    private static final Namespaces NS = Namespaces.defaults();

    private static final Set<KernelObject> ROUTER_BASICS = Set.of(
            new Sysctl("net.ipv4.ip_forward", "1"),
            new Sysctl("net.ipv6.conf.all.forwarding", "1"),
            new Sysctl("net.ipv4.conf.all.arp_accept", "1"),
            new Sysctl("net.ipv4.conf.default.arp_accept", "1"),
            new Sysctl("net.ipv6.conf.all.accept_untracked_na", "1"),
            new Sysctl("net.ipv6.conf.default.accept_untracked_na", "1"),
            new Loopback(true));

    @Test
    void l2vni110WithoutVrf() {
        Set<KernelObject> expected = new java.util.HashSet<>(ROUTER_BASICS);
        expected.addAll(Set.of(
                new Address(Side.ROUTER, "lo", "100.65.0.0/32"),
                NicPlacement.desired("toswitch"),
                new Bridge(Side.ROUTER, "br-pe-110", Optional.of("00:f3:00:00:00:6f"), OptionalInt.of(1450), true),
                new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24"),
                Vxlan.desired("vni110", 110, "100.65.0.0", 4789, 1450),
                new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", true),
                Veth.desired("pe-110", "host-110", 1450),
                new LinkMaster(Side.ROUTER, "pe-110", "br-pe-110", false),
                new Bridge(Side.HOST, "br-hs-110", Optional.empty(), OptionalInt.empty(), true),
                new LinkMaster(Side.HOST, "host-110", "br-hs-110", false)));
        assertEquals(expected, Set.copyOf(DesiredState.from(SeedPlans.l2Only(List.of("toswitch")), NS)
                .kernelObjects()));
    }

    @Test
    void seed000PutsTheBridgesAndTheGatewayInVrfRed() {
        DesiredState state = DesiredState.from(SeedPlans.seed000(List.of()), NS);
        Set<KernelObject> objects = Set.copyOf(state.kernelObjects());
        assertTrue(objects.contains(new Vrf("red", (1L << 24) + 100, true)));
        assertTrue(objects.contains(new LinkMaster(Side.ROUTER, "br-pe-100", "red", false)));
        assertTrue(objects.contains(new LinkMaster(Side.ROUTER, "br-pe-110", "red", false)));
        assertTrue(objects.contains(new Bridge(Side.ROUTER, "br-pe-100", Optional.of("00:f3:00:00:00:65"),
                OptionalInt.of(1450), true)));
        assertTrue(objects.contains(new LinkMaster(Side.ROUTER, "vni100", "br-pe-100", true)));
        // Exactly the VRF itself, the two enslavements and the gateway depend on VRF red.
        assertEquals(Set.of("vrf red", "master br-pe-100", "master br-pe-110", "address 192.170.1.1/24 on br-pe-110"),
                Set.copyOf(state.kernel().stream().filter(d -> d.needsVrf().equals(Optional.of("red")))
                        .map(d -> d.object().id()).toList()));
    }

    @Test
    void hostSessionVethCarriesTheSessionAddressesOnBothSides() {
        NodePlan plan = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of())), List.of(SeedPlans.red(true)),
                List.of());
        Set<KernelObject> objects = Set.copyOf(DesiredState.from(plan, NS).kernelObjects());
        assertTrue(objects.contains(Veth.desired("pe-100", "host-100", 1450)));
        assertTrue(objects.contains(new LinkMaster(Side.ROUTER, "pe-100", "red", false)));
        assertTrue(objects.contains(new Address(Side.ROUTER, "pe-100", "192.169.10.1/24")));
        assertTrue(objects.contains(new Address(Side.HOST, "host-100", "192.169.10.2/24")));
    }

    @Test
    void aNodeLocalVrfTakesItsTableFromItsLowestL2Vni() {
        // Seed 003: L2VNI 666 in VRF "rouge", which no L3VNI defines.
        NodePlan.L2Domain l2 = SeedPlans.l2vni110(Optional.of("rouge"), "192.171.24.1/24");
        NodePlan.L2Domain migration = new NodePlan.L2Domain(l2.source(), 666, Optional.of("rouge"), true,
                "br-pe-666", new NodePlan.VxlanPlan("vni666", 666, "100.65.0.0", 4789),
                new NodePlan.VethPair("pe-666", "host-666", 1450), Optional.empty(), Optional.empty(),
                Optional.empty());
        NodePlan plan = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of())), List.of(), List.of(migration));
        assertTrue(DesiredState.from(plan, NS).kernelObjects().contains(new Vrf("rouge", (1L << 24) + 666, true)));
    }

    @Test
    void anEmptyPlanKeepsOnlyTheRouterBasics() {
        assertEquals(ROUTER_BASICS, Set.copyOf(DesiredState.from(SeedPlans.empty(), NS).kernelObjects()));
    }

    @Test
    void overlayMtuIsUnderlayLessVxlanOverheadButNotBelow1280() {
        NodePlan.Underlay jumbo = new NodePlan.Underlay(SeedPlans.UNDERLAY, 64514, "10.0.0.1", "100.65.0.0",
                List.of(), List.of(), 9000);
        NodePlan.Underlay tiny = new NodePlan.Underlay(SeedPlans.UNDERLAY, 64514, "10.0.0.1", "100.65.0.0",
                List.of(), List.of(), 1300);
        assertEquals(8950, DesiredState.overlayMtu(SeedPlans.plan(Optional.of(jumbo), List.of(), List.of())));
        assertEquals(1280, DesiredState.overlayMtu(SeedPlans.plan(Optional.of(tiny), List.of(), List.of())));
    }

    @Test
    void frrPartsNameTheUnderlayBgpInstanceAndEachL3vniVrfWithTheirIntents() {
        // Seed 000: Underlay "underlay" with ASN 64514, L3VNI "red"; its L2VNI has no FRR lines of its own.
        assertEquals(List.of(new FrrPart("frr router bgp 64514", SeedPlans.UNDERLAY),
                new FrrPart("frr vrf red", SeedPlans.RED)), DesiredState.from(SeedPlans.seed000(List.of()), NS)
                .frrParts());
        assertEquals(List.of(), DesiredState.from(SeedPlans.empty(), NS).frrParts());
    }
}
