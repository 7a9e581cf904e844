package io.openpe.node.frrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.openpe.node.desired.FrrConfigs;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.frr.FrrRenderer;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.NetnsLab;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reloading a real FRR 8.4 (zebra + bgpd with BMP) in a throwaway namespace. */
@Tag("root")
class FrrControlIT {

    @Test
    void reloadsARenderedConfigurationOnceAndSkipsWhenNothingChanged() throws java.io.IOException {
        assumeTrue(FrrInstance.installed(), "FRR is not installed");
        try (NetnsLab lab = NetnsLab.create(); FrrInstance frr = FrrInstance.start(lab.namespace("r"),
                "frr defaults datacenter\nhostname node-a\n!\n")) {
            FrrControl control = new FrrControl(FrrTools.in(frr.namespace(), frr.vtySocketDir(), frr.dir()));
            String seed000 = FrrRenderer.render(FrrConfigs.fromPlan(
                    SeedPlans.withBmp(SeedPlans.seed000(List.of("toswitch")), "127.0.0.1", 5000)));

            FrrEnactment first = control.apply(seed000);
            assertEquals(Optional.empty(), first.failure());
            assertTrue(first.reloaded());
            String running = frr.runningConfig();
            assertTrue(running.contains("router bgp 64514 vrf red"), running);
            assertTrue(running.contains("bmp connect 127.0.0.1 port 5000 min-retry 100 max-retry 1000"), running);
            assertTrue(running.contains("neighbor 192.168.11.2 soft-reconfiguration inbound"), running);
            assertTrue(running.contains("advertise-all-vni"), running);
            // FRR 8.4 prints the L2VPN EVPN monitors with the wrong AFI name; their presence proves they are on.
            assertTrue(running.contains("bmp monitor ipv6 evpn pre-policy"), running);
            assertTrue(running.contains("bmp monitor ipv6 evpn post-policy"), running);
            assertFalse(running.contains("vrf-policy"), "frr-reload.py replayed lines in the wrong context");
            assertEquals(FrrRenderer.render(FrrConfigs.fromPlan(
                    SeedPlans.withBmp(SeedPlans.seed000(List.of("toswitch")), "127.0.0.1", 5000))),
                    java.nio.file.Files.readString(frr.configFile()), "the boot configuration is the rendered one");

            FrrEnactment again = control.apply(seed000);
            assertFalse(again.reloaded(), "nothing changed: no reload");
            assertEquals(first.runningConfigHash(), again.runningConfigHash());

            String l2Only = FrrRenderer.render(FrrConfigs.fromPlan(SeedPlans.l2Only(List.of("toswitch"))));
            FrrEnactment removal = control.apply(l2Only);
            assertTrue(removal.reloaded());
            assertNotEquals(first.runningConfigHash(), removal.runningConfigHash());
            String after = frr.runningConfig();
            assertFalse(after.contains("vrf red"), after);
            assertFalse(after.contains("bmp targets"), after);
        }
    }

    @Test
    void driftInTheRunningConfigurationIsReloadedAway() {
        assumeTrue(FrrInstance.installed(), "FRR is not installed");
        try (NetnsLab lab = NetnsLab.create(); FrrInstance frr = FrrInstance.start(lab.namespace("r"),
                "frr defaults datacenter\nhostname node-a\n!\n")) {
            FrrControl control = new FrrControl(FrrTools.in(frr.namespace(), frr.vtySocketDir(), frr.dir()));
            String l2Only = FrrRenderer.render(FrrConfigs.fromPlan(SeedPlans.l2Only(List.of("toswitch"))));
            control.apply(l2Only);
            frr.vtysh("configure terminal", "router bgp 64514", "neighbor 192.168.11.77 remote-as 64999").orThrow();

            FrrEnactment repaired = control.apply(l2Only);
            assertTrue(repaired.reloaded());
            assertFalse(frr.runningConfig().contains("192.168.11.77"));
        }
    }

    @Test
    void anInvalidConfigurationIsRefusedWithoutTouchingFrr() {
        assumeTrue(FrrInstance.installed(), "FRR is not installed");
        try (NetnsLab lab = NetnsLab.create(); FrrInstance frr = FrrInstance.start(lab.namespace("r"),
                "frr defaults datacenter\nhostname node-a\n!\n")) {
            FrrControl control = new FrrControl(FrrTools.in(frr.namespace(), frr.vtySocketDir(), frr.dir()));
            String before = frr.runningConfig();
            FrrEnactment refused = control.apply("router bgp 64514\n bgp no-such-knob\nexit\n");
            assertFalse(refused.reloaded());
            assertTrue(refused.failure().orElseThrow().contains("invalid FRR configuration"), refused.toString());
            assertEquals(before, frr.runningConfig());
        }
    }
}
