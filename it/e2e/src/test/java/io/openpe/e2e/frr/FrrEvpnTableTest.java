package io.openpe.e2e.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fixture is FRR 8.4.4's own output: two iBGP routers, one VNI, one MAC each (next hops not resolved). */
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

    private static String fixture(String name) throws IOException {
        try (InputStream in = FrrEvpnTableTest.class.getResourceAsStream("FrrEvpnTableTest." + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
