package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.linux.RouterMacNeighbors.NextHop;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterMacNeighborsTest {

    /** A1's VRF red as seen during the finding: the route via A0's VTEP is there, its neighbour FAILED. */
    private static final String FAILED_NEIGHBOUR = """
            [{"dst":"192.170.1.3","gateway":"100.65.0.0","dev":"br-pe-100","flags":["onlink"]},\
            {"dst":"192.168.30.0/24","gateway":"100.65.0.5","dev":"br-pe-100","flags":["onlink"]}]
            [{"dst":"100.65.0.0","dev":"br-pe-100","state":["FAILED"]},\
            {"dst":"100.65.0.5","dev":"br-pe-100","lladdr":"02:64:41:00:05:64","extern_learn":null,"state":["NOARP"]},\
            {"dst":"192.170.1.7","dev":"br-pe-110","lladdr":"02:00:00:00:00:07","state":["REACHABLE"]}]
            """;

    @Test
    void aNextHopWithAFailedNeighbourIsMissingAndOneWithZebrasEntryIsNot() {
        List<com.fasterxml.jackson.databind.JsonNode> tables = RouterMacNeighbors.parseAll(FAILED_NEIGHBOUR);

        assertEquals(2, tables.size());
        assertEquals(List.of(new NextHop("100.65.0.0", "br-pe-100", "192.170.1.3/32")),
                RouterMacNeighbors.missing(tables.get(0), tables.get(1)));
    }

    @Test
    void aNextHopWithNoNeighbourAtAllIsMissingOnceWhateverTheNumberOfRoutes() {
        List<com.fasterxml.jackson.databind.JsonNode> tables = RouterMacNeighbors.parseAll("""
                [{"dst":"192.168.20.0/24","gateway":"100.65.0.1","dev":"br-pe-100","flags":["onlink"]},\
                {"dst":"192.169.10.0/24","gateway":"100.65.0.1","dev":"br-pe-100","flags":["onlink"]},\
                {"dst":"10.1.0.0/16","nexthops":[{"gateway":"100.65.0.2","dev":"br-pe-100"},\
                {"gateway":"100.65.0.3","dev":"br-pe-100"}]}]
                [{"dst":"100.65.0.3","dev":"br-pe-100","lladdr":"02:64:41:00:03:64","state":["NOARP"]}]
                """);

        assertEquals(List.of(new NextHop("100.65.0.1", "br-pe-100", "192.168.20.0/24"),
                new NextHop("100.65.0.2", "br-pe-100", "10.1.0.0/16")),
                RouterMacNeighbors.missing(tables.get(0), tables.get(1)));
    }

    @Test
    void routesNotOnARouterBridgeAndAnEmptyVrfNeedNothing() {
        List<com.fasterxml.jackson.databind.JsonNode> tables = RouterMacNeighbors.parseAll("""
                [{"dst":"192.169.10.0/24","gateway":"192.169.10.2","dev":"pe-100","flags":[]}]
                []
                """);

        assertTrue(RouterMacNeighbors.missing(tables.get(0), tables.get(1)).isEmpty());
        assertTrue(RouterMacNeighbors.missing(null, null).isEmpty());
    }

    @Test
    void theEntriesAreWrittenAsZebraWritesThem() {
        NextHop hop = new NextHop("100.65.0.0", "br-pe-100", "192.170.1.3/32");

        assertEquals("neigh replace 100.65.0.0 lladdr 02:64:41:00:00:64 dev br-pe-100 nud noarp extern_learn",
                RouterMacNeighbors.neighbourCommand(hop, "02:64:41:00:00:64"));
        assertEquals(List.of("fdb", "replace", "02:64:41:00:00:64", "dev", "vni100", "dst", "100.65.0.0", "self",
                "extern_learn"), RouterMacNeighbors.fdbCommand(hop, "02:64:41:00:00:64", "vni100"));
    }

    @Test
    void aValueReadFromOutsideThatIsNotOneTokenRunsNothing() {
        NextHop hostile = new NextHop("100.65.0.0\nnetns exec x touch y", "br-pe-100", "192.170.1.3/32");

        assertThrows(IllegalArgumentException.class,
                () -> RouterMacNeighbors.neighbourCommand(hostile, "02:64:41:00:00:64"));
    }
}
