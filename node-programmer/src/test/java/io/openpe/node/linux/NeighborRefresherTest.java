package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighborRefresherTest {

    /** The shape of iproute2 6.1 {@code ip -j neigh show}: state is an array, lladdr absent while INCOMPLETE. */
    private static final String DUMP = """
            [{"dst":"192.170.1.3","dev":"br-pe-110","lladdr":"02:00:00:00:00:03","state":["STALE"]},
             {"dst":"192.170.1.4","dev":"br-pe-110","lladdr":"02:00:00:00:00:04","state":["REACHABLE"]},
             {"dst":"fd00:1::5","dev":"br-pe-120","lladdr":"02:00:00:00:00:05","router":null,"state":["STALE"]},
             {"dst":"192.168.11.2","dev":"toswitch","lladdr":"02:00:00:00:00:06","state":["STALE"]},
             {"dst":"192.170.1.7","dev":"br-pe-110","state":["INCOMPLETE"]},
             {"dst":"192.170.9.9","dev":"br-pe-abc","lladdr":"02:00:00:00:00:09","state":["STALE"]}]
            """;

    @Test
    void onlyStaleEntriesOnGatewayBridgesAreRefreshedEachInOneBatchLine() {
        List<StaleNeighbor> stale = NeighborRefresher.parse(DUMP);
        assertEquals(List.of(new StaleNeighbor("192.170.1.3", "br-pe-110", "02:00:00:00:00:03"),
                new StaleNeighbor("fd00:1::5", "br-pe-120", "02:00:00:00:00:05")), stale);
        assertEquals(List.of(
                "neigh change 192.170.1.3 dev br-pe-110 lladdr 02:00:00:00:00:03 nud delay",
                "neigh change fd00:1::5 dev br-pe-120 lladdr 02:00:00:00:00:05 nud delay"),
                NeighborRefresher.refreshCommands(stale));
    }

    @Test
    void anEmptyTableGivesNoCommand() {
        assertEquals(List.of(), NeighborRefresher.refreshCommands(NeighborRefresher.parse("[]\n")));
        assertEquals(List.of(), NeighborRefresher.parse(""));
    }
}
