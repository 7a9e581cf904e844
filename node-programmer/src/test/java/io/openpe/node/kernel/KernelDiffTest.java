package io.openpe.node.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.node.kernel.KernelChange.Create;
import io.openpe.node.kernel.KernelChange.Delete;
import io.openpe.node.kernel.KernelChange.Modify;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelDiffTest {

    private static final Bridge BR110 = new Bridge(Side.ROUTER, "br-pe-110", Optional.of("00:f3:00:00:00:6f"),
            OptionalInt.of(1450), true);
    private static final Vxlan VNI110 = Vxlan.desired("vni110", 110, "100.65.0.0", 4789, 1450);
    private static final LinkMaster VNI110_PORT = new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", true);
    private static final Address GATEWAY = new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24");
    private static final Veth VETH110 = Veth.desired("pe-110", "host-110", 1450);

    private static KernelState actual(KernelObject... objects) {
        return new KernelState(List.of(objects), Map.of(), Map.of());
    }

    @Test
    void emptyKernelCreatesEverythingLowestRankFirst() {
        List<KernelChange> changes = KernelDiff.between(List.of(GATEWAY, VNI110_PORT, VETH110, VNI110, BR110),
                KernelState.empty());
        assertEquals(List.of(new Create(BR110), new Create(VNI110), new Create(VETH110), new Create(VNI110_PORT),
                new Create(GATEWAY)), changes);
    }

    @Test
    void equalStateGivesNoChange() {
        assertEquals(List.of(), KernelDiff.between(List.of(BR110, VNI110, VNI110_PORT, GATEWAY),
                actual(GATEWAY, VNI110_PORT, VNI110, BR110)));
    }

    @Test
    void aBridgeThatLeavesMacAndMtuToTheKernelIsSatisfiedByAnyValue() {
        Bridge hostWanted = new Bridge(Side.HOST, "br-hs-110", Optional.empty(), OptionalInt.empty(), true);
        Bridge hostActual = new Bridge(Side.HOST, "br-hs-110", Optional.of("aa:bb:cc:dd:ee:ff"),
                OptionalInt.of(1500), true);
        assertEquals(List.of(), KernelDiff.between(List.of(hostWanted), actual(hostActual)));
    }

    @Test
    void aChangedMtuIsModifiedInPlace() {
        Bridge was = new Bridge(Side.ROUTER, "br-pe-110", Optional.of("00:f3:00:00:00:6f"), OptionalInt.of(1500),
                true);
        assertEquals(List.of(new Modify(was, BR110)), KernelDiff.between(List.of(BR110), actual(was)));
    }

    @Test
    void aLinkThatIsDownIsRaised() {
        Vxlan down = new Vxlan("vni110", 110, "100.65.0.0", 4789, false, 1450, false);
        assertEquals(List.of(new Modify(down, VNI110)), KernelDiff.between(List.of(VNI110), actual(down)));
    }

    @Test
    void aVxlanWithAnotherLocalAddressIsReplacedAndItsPortIsSetAgain() {
        Vxlan old = Vxlan.desired("vni110", 110, "100.65.0.9", 4789, 1450);
        List<KernelChange> changes = KernelDiff.between(List.of(BR110, VNI110, VNI110_PORT),
                actual(BR110, old, VNI110_PORT));
        assertEquals(List.of(new Delete(old), new Create(VNI110), new Create(VNI110_PORT)), changes);
    }

    @Test
    void aVxlanWithLearningOnIsReplaced() {
        Vxlan learning = new Vxlan("vni110", 110, "100.65.0.0", 4789, true, 1450, true);
        assertEquals(List.of(new Delete(learning), new Create(VNI110)),
                KernelDiff.between(List.of(VNI110), actual(learning)));
    }

    @Test
    void aVrfWithAnotherTableIsReplaced() {
        Vrf wanted = Vrf.desired("red", 100);
        Vrf other = new Vrf("red", Vrf.tableFor(200), true);
        assertEquals(List.of(new Delete(other), new Create(wanted)),
                KernelDiff.between(List.of(wanted), actual(other)));
    }

    @Test
    void aMissingNeighSuppressIsModified() {
        LinkMaster plain = new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", false);
        assertEquals(List.of(new Modify(plain, VNI110_PORT)),
                KernelDiff.between(List.of(VNI110_PORT), actual(plain)));
    }

    @Test
    void aChangedGatewayIsOneDeleteAndOneCreate() {
        Address moved = new Address(Side.ROUTER, "br-pe-110", "192.170.1.254/24");
        assertEquals(List.of(new Delete(GATEWAY), new Create(moved)),
                KernelDiff.between(List.of(BR110, moved), actual(BR110, GATEWAY)));
    }

    @Test
    void staleObjectsAreDeletedHighestRankFirstAndTheirAttachmentsGoWithTheirLinks() {
        List<KernelChange> changes = KernelDiff.between(List.of(),
                actual(BR110, VNI110, VNI110_PORT, GATEWAY, VETH110,
                        new LinkMaster(Side.ROUTER, "pe-110", "br-pe-110", false)));
        // The port assignments and the gateway go away with their links: no separate command for them.
        assertEquals(List.of(new Delete(VETH110), new Delete(VNI110), new Delete(BR110)), changes);
    }

    @Test
    void anAddressOnAKeptLinkIsDeletedOnItsOwn() {
        assertEquals(List.of(new Delete(GATEWAY)), KernelDiff.between(List.of(BR110), actual(BR110, GATEWAY)));
    }

    @Test
    void sysctlsAreSetButNeverDeleted() {
        Sysctl forwarding = new Sysctl("net.ipv4.ip_forward", "1");
        Sysctl off = new Sysctl("net.ipv4.ip_forward", "0");
        assertEquals(List.of(new Modify(off, forwarding)), KernelDiff.between(List.of(forwarding), actual(off)));
        assertEquals(List.of(), KernelDiff.between(List.of(), actual(off)));
    }

    @Test
    void aNicNoLongerNamedIsReturned() {
        NicPlacement nic = NicPlacement.desired("toswitch");
        assertEquals(List.of(new Delete(nic)), KernelDiff.between(List.of(), actual(nic)));
    }

    @Test
    void strayLinksAreDeletedBeforeAnythingElse() {
        StrayLink stray = new StrayLink(Side.HOST, "host-110", "veth");
        assertEquals(List.of(new Delete(stray), new Create(VETH110)),
                KernelDiff.between(List.of(VETH110), actual(stray)));
    }

    @Test
    void twoStatesOfOneObjectAreRejected() {
        Bridge other = new Bridge(Side.ROUTER, "br-pe-110", Optional.empty(), OptionalInt.of(9000), true);
        assertThrows(IllegalArgumentException.class, () -> KernelDiff.between(List.of(BR110, other),
                KernelState.empty()));
    }
}
