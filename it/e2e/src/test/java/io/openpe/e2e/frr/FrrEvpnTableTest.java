package io.openpe.e2e.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fixtures are FRR 8.4.4's own output: two iBGP routers, one VNI, one MAC each (next hops not resolved); and
 * {@code show bgp l2vpn evpn route type prefix json} on the fabric's node B0 ({@code VmToExternalHostE2E}'s netns-VRF
 * fleet, session 8), whose paths FRR nests one array deeper.
 */
class FrrEvpnTableTest {

    @Test
    void splitsOwnRoutesFromReceivedOnesWithEveryValueTheComparisonUses() throws IOException {
        FrrEvpnTable table = FrrEvpnTable.parse(fixture("two-vteps"));

        assertEquals("100.64.9.1", table.routerId());
        assertEquals(4, table.paths().size());
        assertEquals(Set.of(
                new EvpnRouteId(2, "100.64.9.1:2", "02:00:00:00:00:01", "", "100.64.9.1"),
                new EvpnRouteId(3, "100.64.9.1:2", "", "100.64.9.1", "100.64.9.1")), table.originated());
        assertEquals(Set.of(
                new EvpnRouteId(2, "100.64.9.2:2", "02:00:00:00:00:02", "", "100.64.9.2"),
                new EvpnRouteId(3, "100.64.9.2:2", "", "100.64.9.2", "100.64.9.2")), table.receivedAll());
        // Neither received path carries "valid": their next hop was not resolvable in that lab.
        assertEquals(Set.of(), table.received());
        assertEquals("10.99.0.2", table.paths().stream().filter(p -> !p.local()).findFirst().orElseThrow().peer());
    }

    @Test
    void readsTypeFivePathsWithTheirPrefixAndRouterMac() throws IOException {
        FrrEvpnTable table = FrrEvpnTable.parse(fixture("type-prefix"));

        assertEquals(9, table.paths().size());
        FrrEvpnTable.Path external = table.paths().stream()
                .filter(p -> p.ip().equals("192.168.20.0/24")).findFirst().orElseThrow();
        assertEquals(new FrrEvpnTable.Path("10.0.0.2:2", "[5]:[0]:[24]:[192.168.20.0]", 5, "", "192.168.20.0/24",
                "100.65.0.1", "192.168.12.2", true, true, 0, "02:64:41:00:01:64"), external);
        assertEquals(Set.of(
                new EvpnRouteId(5, "10.0.1.1:2", "", "192.169.10.0/24", "100.65.1.0"),
                new EvpnRouteId(5, "10.0.1.1:2", "", "192.170.1.0/24", "100.65.1.0")), table.originated());
        assertEquals(Set.of("02:64:41:00:00:64", "02:64:41:00:01:64", "02:64:41:01:00:64", "02:64:41:01:01:64"),
                table.paths().stream().map(FrrEvpnTable.Path::routerMac).collect(Collectors.toSet()));
    }

    @Test
    void aPathWithoutRouterMacHasAnEmptyOne() throws IOException {
        assertEquals(Set.of(""), FrrEvpnTable.parse(fixture("two-vteps")).paths().stream()
                .map(FrrEvpnTable.Path::routerMac).collect(Collectors.toSet()));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = FrrEvpnTableTest.class.getResourceAsStream("FrrEvpnTableTest." + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
