package io.openpe.node.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Names from DESIGN §4 and the seeds (br-pe-110, vni110, pe-110, host-110, br-hs-110) and their reverse parse. */
class NamesTest {

    @Test
    void namesFollowTheDesignTable() {
        assertEquals("br-pe-110", Bridge.nameFor(110));
        assertEquals("br-hs-110", Bridge.hostNameFor(110));
        assertEquals("vni110", Vxlan.nameFor(110));
        assertEquals("pe-110", Veth.routerNameFor(110));
        assertEquals("host-110", Veth.hostNameFor(110));
    }

    @Test
    void namesParseBackToTheirVni() {
        assertEquals(OptionalLong.of(110), Bridge.vniOf("br-pe-110"));
        assertEquals(OptionalLong.of(110), Bridge.vniOf("br-hs-110"));
        assertEquals(OptionalLong.of(16777215), Vxlan.vniOf("vni16777215"));
        assertEquals(OptionalLong.of(110), Veth.vniOf("pe-110"));
        assertEquals(OptionalLong.of(110), Veth.vniOf("host-110"));
    }

    @Test
    void namesOutsideTheSchemeDoNotParse() {
        for (String name : new String[] {"eth-foreign", "br-pe-", "br-pe-x1", "br-pe-0110", "br-pe-16777216",
                "vni", "vni-1", "pe-abc", "host-", "br0"}) {
            assertTrue(Bridge.vniOf(name).isEmpty() && Vxlan.vniOf(name).isEmpty() && Veth.vniOf(name).isEmpty(),
                    name);
        }
        assertFalse(Bridge.isOurs(Side.HOST, "br-pe-110"), "a router bridge name on the host side is not ours");
    }

    @Test
    void vrfTablesAreDerivedFromTheVniAndParseBack() {
        assertEquals((1L << 24) + 100, Vrf.tableFor(100));
        assertEquals(OptionalLong.of(100), Vrf.vniOf((1L << 24) + 100));
        assertTrue(Vrf.vniOf(254).isEmpty(), "the main table is never ours");
    }
}
