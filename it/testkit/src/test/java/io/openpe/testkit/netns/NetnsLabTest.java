package io.openpe.testkit.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("root")
class NetnsLabTest {

    @Test
    void namespacesCarryTheLabPrefixAndVanishOnClose() {
        List<String> created;
        try (NetnsLab lab = NetnsLab.create()) {
            assertTrue(lab.prefix().matches("opt-[0-9a-f]{6}-"), lab.prefix());
            String a = lab.namespace("a");
            String b = lab.namespace("b");
            assertEquals(lab.prefix() + "a", a);
            assertTrue(NetnsLab.exists(a) && NetnsLab.exists(b));
            created = lab.namespaces();
        }
        created.forEach(ns -> assertFalse(NetnsLab.exists(ns), ns + " left behind"));
    }

    @Test
    void vethBetweenNamespacesCarriesTraffic() {
        try (NetnsLab lab = NetnsLab.create()) {
            String a = lab.namespace("a");
            String b = lab.namespace("b");
            lab.veth(a, "left", b, "right");
            // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed anywhere, and here only inside the lab.
            lab.ip(a, "addr", "add", "192.0.2.1/24", "dev", "left");
            lab.ip(b, "addr", "add", "192.0.2.2/24", "dev", "right");
            Exec.Result ping = lab.exec(a, "ping", "-c", "1", "-W", "2", "192.0.2.2");
            assertTrue(ping.ok(), ping.stdout() + ping.stderr());
            assertTrue(lab.ip(b, "-br", "link", "show", "right").contains("UP"));
        }
    }

    @Test
    void execRunsInsideTheNamespace() {
        try (NetnsLab lab = NetnsLab.create()) {
            String a = lab.namespace("a");
            lab.ip(a, "link", "add", "only-here", "type", "bridge");
            assertTrue(lab.exec(a, "ip", "-br", "link").stdout().contains("only-here"));
            assertFalse(Exec.run(List.of("ip", "-br", "link")).stdout().contains("only-here"));
        }
    }
}
