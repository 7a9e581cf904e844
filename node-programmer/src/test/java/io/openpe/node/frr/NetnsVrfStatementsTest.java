package io.openpe.node.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetnsVrfStatementsTest {

    @Test
    void everyVrfBlockNamesItsNamespaceAndNothingElseChanges() {
        String rendered = """
                frr defaults datacenter
                !
                vrf red
                 vni 100
                exit-vrf
                !
                router bgp 64514 vrf red
                 bgp router-id 10.0.0.1
                exit
                !
                """;
        assertEquals("""
                frr defaults datacenter
                !
                vrf red
                 netns /run/netns/red
                 vni 100
                exit-vrf
                !
                router bgp 64514 vrf red
                 bgp router-id 10.0.0.1
                exit
                !
                """, NetnsVrfStatements.addTo(rendered, Set.of("red")));
    }

    /**
     * Seed 003's VRF rouge holds only L2VNI 666: the renderer writes no {@code vrf rouge} block for it, yet zebra -n
     * shows {@code vrf rouge / netns /run/netns/rouge} in its running configuration. Without the block here,
     * frr-reload.py deletes that binding and rouge stays inactive (seen on the fabric: every apply then waited 10 s).
     */
    @Test
    void aVrfWithoutL3vniGetsABlockThatOnlyBindsItsNamespace() {
        String rendered = """
                frr defaults datacenter
                !
                vrf red
                 vni 100
                exit-vrf
                !
                router bgp 64514
                 bgp router-id 10.0.0.1
                exit
                !
                """;
        assertEquals("""
                frr defaults datacenter
                !
                vrf red
                 netns /run/netns/red
                 vni 100
                exit-vrf
                !
                vrf rouge
                 netns /run/netns/rouge
                exit-vrf
                !
                router bgp 64514
                 bgp router-id 10.0.0.1
                exit
                !
                """, NetnsVrfStatements.addTo(rendered, List.of("rouge", "red")));
    }

    @Test
    void withNoRouterTheBindingsComeLast() {
        assertEquals("""
                frr defaults datacenter
                !
                vrf rouge
                 netns /run/netns/rouge
                exit-vrf
                !
                """, NetnsVrfStatements.addTo("frr defaults datacenter\n!\n", Set.of("rouge")));
    }

    @Test
    void aVrfNameThatIsNoInterfaceNameIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> NetnsVrfStatements.addTo("router bgp 1\n", Set.of("red\nnetns exec x")));
    }
}
