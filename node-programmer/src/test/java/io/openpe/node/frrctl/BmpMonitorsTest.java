package io.openpe.node.frrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class BmpMonitorsTest {

    private static final String CONFIG = """
            router bgp 64514
             bgp router-id 10.0.0.1
             !
             bmp targets openpe
              bmp monitor l2vpn evpn pre-policy
              bmp monitor l2vpn evpn post-policy
              bmp connect 127.0.0.1 port 5000 min-retry 100 max-retry 1000
             exit
            exit
            !
            router bgp 64514 vrf red
             bgp router-id 10.0.0.1
            exit
            """;

    @Test
    void monitorsAreSetInTheirTargetOfTheDefaultInstance() {
        assertEquals(List.of("configure terminal", "router bgp 64514", "bmp targets openpe",
                "bmp monitor l2vpn evpn pre-policy", "bmp monitor l2vpn evpn post-policy"),
                BmpMonitors.commands(CONFIG));
    }

    @Test
    void theReloadedTextKeepsEverythingButTheMonitors() {
        String without = BmpMonitors.without(CONFIG);
        assertFalse(without.contains("bmp monitor"));
        assertEquals(CONFIG.lines().count() - 2, without.lines().count());
    }

    @Test
    void noTargetsNoCommands() {
        assertEquals(List.of(), BmpMonitors.commands("router bgp 64514\nexit\n"));
    }
}
