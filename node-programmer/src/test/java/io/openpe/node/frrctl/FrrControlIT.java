package io.openpe.node.frrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.FrrConfigs;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.frr.FrrRenderer;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reloading a real FRR 8.4 (zebra + bgpd with BMP) in a throwaway namespace. */
@Tag("root")
class FrrControlIT {

    @Test
    void reloadsARenderedConfigurationOnceAndSkipsWhenNothingChanged() throws IOException {
        FrrInstance.requireInstalled();
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
                    Files.readString(frr.configFile()), "the boot configuration is the rendered one");

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
        FrrInstance.requireInstalled();
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

    /**
     * FRR started without a hostname, as systemd's integrated boot leaves the daemons: each keeps the machine's name
     * and vtysh adds its own, so the rendered one must be brought to both (frr-reload.py alone never does).
     */
    @Test
    void theRenderedHostnameReachesTheRunningDaemons() throws IOException {
        FrrInstance.requireInstalled();
        try (NetnsLab lab = NetnsLab.create(); FrrInstance frr = FrrInstance.start(lab.namespace("r"),
                "frr defaults datacenter\n!\n")) {
            FrrControl control = new FrrControl(FrrTools.in(frr.namespace(), frr.vtySocketDir(), frr.dir()));
            String l2Only = FrrRenderer.render(FrrConfigs.fromPlan(SeedPlans.l2Only(List.of("toswitch"))));

            FrrEnactment first = control.apply(l2Only);
            assertEquals(Optional.empty(), first.failure());
            assertEquals(List.of("hostname node-a"), hostnameLines(frr.runningConfig()));
            // Each daemon's own value (bgpd sends it as BMP sysName): a vtysh without vtysh.conf adds the machine's
            // name, so the daemon's line shows only if it is node-a.
            Path noVtyshConf = emptyDir();
            for (String daemon : List.of("zebra", "bgpd")) {
                String alone = lab.exec(frr.namespace(), "vtysh", "--vty_socket", frr.vtySocketDir().toString(),
                        "--config_dir", noVtyshConf.toString(),
                        "-d", daemon, "-c", "show running-config").orThrow().stdout();
                assertTrue(hostnameLines(alone).contains("hostname node-a"), daemon + ": " + alone);
            }
        }
    }

    /**
     * A statement removed behind the agent's back is put back by the next pass over the same plan; a pass over an
     * unchanged FRR runs no reload, by FRR's own evidence: frr-reload.py ends every reload with vtysh's
     * {@code write}, which saves the previous {@code frr.conf} as {@code frr.conf.sav}.
     */
    @Test
    void unchangedIsJudgedAgainstTheRunningDaemons() throws IOException {
        FrrInstance.requireInstalled();
        try (NetnsLab lab = NetnsLab.create(); FrrInstance frr = FrrInstance.start(lab.namespace("r"),
                "frr defaults datacenter\n!\n")) {
            FrrControl control = new FrrControl(FrrTools.in(frr.namespace(), frr.vtySocketDir(), frr.dir()));
            String seed000 = FrrRenderer.render(FrrConfigs.fromPlan(
                    SeedPlans.withBmp(SeedPlans.seed000(List.of("toswitch")), "127.0.0.1", 5000)));
            assertEquals(Optional.empty(), control.apply(seed000).failure());
            Path saved = frr.dir().resolve("frr.conf.sav");
            assertTrue(Files.exists(saved), "the first apply reloaded");

            Files.delete(saved);
            String before = frr.runningConfig();
            FrrEnactment unchanged = control.apply(seed000);
            assertFalse(unchanged.reloaded());
            assertFalse(Files.exists(saved), "frr-reload.py ran although nothing differed");
            assertEquals(before, frr.runningConfig());

            frr.vtysh("configure terminal", "router bgp 64514", "address-family l2vpn evpn",
                    "no neighbor 192.168.11.2 allowas-in").orThrow();
            assertEquals(1, allowasIn(frr.runningConfig()), frr.runningConfig());
            FrrEnactment repaired = control.apply(seed000);
            assertEquals(Optional.empty(), repaired.failure());
            assertTrue(repaired.reloaded());
            assertTrue(Files.exists(saved), "frr-reload.py reloaded");
            assertEquals(2, allowasIn(frr.runningConfig()), "ipv4 unicast and l2vpn evpn");
            assertEquals(before, frr.runningConfig(), "the running configuration is the applied one again");
        }
    }

    private static long allowasIn(String config) {
        return config.lines().filter(line -> line.strip().equals("neighbor 192.168.11.2 allowas-in")).count();
    }

    private static Path emptyDir() throws IOException {
        Path dir = Files.createTempDirectory("opt-vtysh-");
        dir.toFile().deleteOnExit();
        return dir;
    }

    private static List<String> hostnameLines(String config) {
        return config.lines().filter(line -> line.startsWith("hostname ")).toList();
    }

    @Test
    void anInvalidConfigurationIsRefusedWithoutTouchingFrr() {
        FrrInstance.requireInstalled();
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
