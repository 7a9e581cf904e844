package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelChange.Create;
import io.openpe.node.kernel.KernelChange.Delete;
import io.openpe.node.kernel.KernelChange.Modify;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.NicPlacement;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.StrayLink;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vrf;
import io.openpe.node.kernel.Vxlan;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The commands follow ip-link(8) and ip-address(8); each was run by hand against iproute2 6.1 first. */
class BatchLinesTest {

    private final BatchLines lines = new BatchLines("rt", "hs");

    @Test
    void creations() {
        assertEquals(List.of(new BatchLine(Phase.ROUTER,
                "link add br-pe-110 address 00:f3:00:00:00:6f mtu 1450 up type bridge")),
                lines.of(new Create(new Bridge(Side.ROUTER, "br-pe-110", Optional.of("00:f3:00:00:00:6f"),
                        OptionalInt.of(1450), true))));
        assertEquals(List.of(new BatchLine(Phase.HOST_LAST, "link add br-hs-110 up type bridge")),
                lines.of(new Create(new Bridge(Side.HOST, "br-hs-110", Optional.empty(), OptionalInt.empty(),
                        true))));
        assertEquals(List.of(new BatchLine(Phase.ROUTER,
                "link add vni110 mtu 1450 up type vxlan id 110 local 100.65.0.0 dstport 4789 nolearning")),
                lines.of(new Create(Vxlan.desired("vni110", 110, "100.65.0.0", 4789, 1450))));
        assertEquals(List.of(
                new BatchLine(Phase.ROUTER, "link add pe-110 mtu 1450 up type veth peer name host-110 mtu 1450"
                        + " netns hs"),
                new BatchLine(Phase.HOST_LAST, "link set dev host-110 up")),
                lines.of(new Create(Veth.desired("pe-110", "host-110", 1450))));
        assertEquals(List.of(
                new BatchLine(Phase.ROUTER, "link set dev vni110 master br-pe-110"),
                new BatchLine(Phase.ROUTER, "link set dev vni110 type bridge_slave neigh_suppress on learning off")),
                lines.of(new Create(new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", true))));
        assertEquals(List.of(new BatchLine(Phase.VRF, "link add red up type vrf table 16777316")),
                lines.of(new Create(Vrf.desired("red", 100))));
        assertEquals(List.of(
                new BatchLine(Phase.HOST_FIRST, "link set dev toswitch alias openpe:underlay-nic"),
                new BatchLine(Phase.HOST_FIRST, "link set dev toswitch netns rt"),
                new BatchLine(Phase.ROUTER, "link set dev toswitch up")),
                lines.of(new Create(NicPlacement.desired("toswitch"))));
    }

    @Test
    void modificationsSetOnlyWhatDiffers() {
        LinkMaster plain = new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", false);
        LinkMaster evpn = new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", true);
        assertEquals(List.of(new BatchLine(Phase.ROUTER,
                "link set dev vni110 type bridge_slave neigh_suppress on learning off")),
                lines.of(new Modify(plain, evpn)));
    }

    @Test
    void deletions() {
        assertEquals(List.of(new BatchLine(Phase.REMOVE_ROUTER, "link del pe-110")),
                lines.of(new Delete(Veth.desired("pe-110", "host-110", 1450))));
        assertEquals(List.of(new BatchLine(Phase.REMOVE_HOST, "link del br-hs-110")),
                lines.of(new Delete(new Bridge(Side.HOST, "br-hs-110", Optional.empty(), OptionalInt.empty(),
                        true))));
        assertEquals(List.of(new BatchLine(Phase.REMOVE_HOST, "link del host-7")),
                lines.of(new Delete(new StrayLink(Side.HOST, "host-7", "veth"))));
        assertEquals("pe-110", BatchLines.deletedLink(new BatchLine(Phase.REMOVE_ROUTER, "link del pe-110")));
        assertEquals(List.of(new BatchLine(Phase.ROUTER, "addr del 192.170.1.1/24 dev br-pe-110")),
                lines.of(new Delete(new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24"))));
        assertEquals(List.of(new BatchLine(Phase.ROUTER, "link set dev toswitch alias \"\""),
                new BatchLine(Phase.ROUTER, "link set dev toswitch netns hs")),
                lines.of(new Delete(NicPlacement.desired("toswitch"))));
    }

    /** Past validation (issue 10): a value that could end a line, add an argument or overflow IFNAMSIZ is refused. */
    @Test
    void hostileValuesAreRefusedWhateverValidatedThem() {
        String injected = "red\nnetns exec x touch /tmp/m";
        assertThrows(IllegalArgumentException.class, () -> lines.of(new Create(Vrf.desired(injected, 100))));
        assertThrows(IllegalArgumentException.class, () -> lines.of(new Create(new Bridge(Side.ROUTER,
                "br-pe-1234567890", Optional.empty(), OptionalInt.empty(), true))));
        assertThrows(IllegalArgumentException.class, () -> lines.of(new Create(new Address(Side.ROUTER, "br-pe-110",
                "10.0.0.1/24 dev lo"))));
        assertThrows(IllegalArgumentException.class, () -> lines.of(new Create(Vxlan.desired("vni110", 110,
                "100.65.0.0;reboot", 4789, 1450))));
        assertThrows(IllegalArgumentException.class, () -> lines.of(new Create(new Bridge(Side.HOST, "br-hs-1",
                Optional.of("00:f3:00:00:00:6f\"x"), OptionalInt.empty(), true))));
        assertThrows(IllegalArgumentException.class, () -> lines.of(new Delete(new LinkMaster(Side.ROUTER,
                "vni 110", "br-pe-110", true))));
        assertThrows(IllegalArgumentException.class, () -> new BatchLines("rt\nreboot", "hs"));
    }
}
