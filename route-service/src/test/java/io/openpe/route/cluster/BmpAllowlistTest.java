package io.openpe.route.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BmpAllowlistTest {

    private final RouterClusters plans = new RouterClusters();
    private final BmpAllowlist allowlist = new BmpAllowlist(
            BmpAllowlist.parseCidrs(List.of("127.0.0.0/8", " ::1/128", "10.20.0.0/16")), plans);

    @Test
    void configuredCidrsAdmitTheirAddressesOnly() {
        assertEquals(Optional.empty(), allowlist.refusal("127.9.9.9"));
        assertEquals(Optional.empty(), allowlist.refusal("0:0:0:0:0:0:0:1"), "Java's long form of ::1");
        assertEquals(Optional.empty(), allowlist.refusal("10.20.255.1"));
        assertEquals(Optional.of(BmpAllowlist.UNKNOWN_ROUTER), allowlist.refusal("10.21.0.1"));
        assertEquals(Optional.of(BmpAllowlist.UNKNOWN_ROUTER), allowlist.refusal("::2"));
        assertEquals(Optional.of(BmpAllowlist.NOT_AN_IP_ADDRESS), allowlist.refusal("local:socket"));
    }

    @Test
    void aPlannedRouterIdOrVtepIsAdmittedUntilItsPlanIsRemoved() {
        assertEquals(Optional.of(BmpAllowlist.UNKNOWN_ROUTER), allowlist.refusal("192.0.2.7"));
        assertEquals(Optional.of(BmpAllowlist.UNKNOWN_ROUTER), allowlist.refusal("2001:db8::7"));
        plans.planned("east/n7", new RouterClusters.PlannedNode("east", "n7", "192.0.2.7", "2001:db8:0::7"));
        assertEquals(Optional.empty(), allowlist.refusal("192.0.2.7"));
        assertEquals(Optional.empty(), allowlist.refusal("2001:db8:0:0:0:0:0:7"), "compared as addresses, not text");
        plans.removed("east/n7");
        assertEquals(Optional.of(BmpAllowlist.UNKNOWN_ROUTER), allowlist.refusal("192.0.2.7"));
    }

    @Test
    void aPlanWithAnAddressThatIsNotOneAdmitsNothing() {
        plans.planned("east/bad", new RouterClusters.PlannedNode("east", "bad", "not-an-address", ""));
        assertEquals(Optional.of(BmpAllowlist.UNKNOWN_ROUTER), allowlist.refusal("192.0.2.8"));
    }

    @Test
    void aBadEntryFailsTheStartNamingTheKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> BmpAllowlist.parseCidrs(List.of("10.0.0.0")));
        assertTrue(e.getMessage().startsWith("openpe.bmp.allowed-cidrs: must be a CIDR"), e.getMessage());
    }
}
