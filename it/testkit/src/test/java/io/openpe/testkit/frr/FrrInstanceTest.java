package io.openpe.testkit.frr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.testkit.netns.Exec;
import io.openpe.testkit.netns.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("root")
class FrrInstanceTest {

    private static final String CONFIG = """
            frr defaults datacenter
            hostname opt-lab
            !
            router bgp 64514
             bgp router-id 10.0.0.1
             !
             bmp targets collector
              bmp monitor l2vpn evpn pre-policy
              bmp connect 127.0.0.1 port 5000 min-retry 100 max-retry 1000
             exit
            exit
            !
            """;

    @Test
    void startsZebraAndBgpdWithBmpInANamespaceAndStopsThem() {
        FrrInstance.requireInstalled();
        Path dir;
        long bgpd;
        long zebra;
        try (NetnsLab lab = NetnsLab.create()) {
            String ns = lab.namespace("r");
            try (FrrInstance frr = FrrInstance.start(ns, CONFIG)) {
                dir = frr.dir();
                bgpd = frr.pid("bgpd");
                zebra = frr.pid("zebra");
                String running = frr.runningConfig();
                assertTrue(running.contains("router bgp 64514"), running);
                // The BMP block is only accepted when bgpd loaded the module.
                assertTrue(running.contains("bmp targets collector"), running);
                assertTrue(frr.running("zebra") && frr.running("bgpd"));
            }
        }
        assertFalse(ProcessHandle.of(bgpd).map(ProcessHandle::isAlive).orElse(false), "bgpd still runs");
        assertFalse(ProcessHandle.of(zebra).map(ProcessHandle::isAlive).orElse(false), "zebra still runs");
        assertFalse(Files.exists(dir));
    }

    @Test
    void dryRunAcceptsValidAndRejectsInvalidConfiguration() {
        FrrInstance.requireInstalled();
        assertTrue(FrrConfigCheck.dryRun(CONFIG).ok());
        Exec.Result bad = FrrConfigCheck.dryRun("router bgp 64514\n bgp no-such-command\n");
        assertFalse(bad.ok());
        assertTrue(bad.stdout().contains("Unknown command") || bad.stderr().contains("Unknown command"),
                bad.stdout() + bad.stderr());
    }
}
