package io.openpe.node.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
                """, NetnsVrfStatements.addTo(rendered));
    }
}
