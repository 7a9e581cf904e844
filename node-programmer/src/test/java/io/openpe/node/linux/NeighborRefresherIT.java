package io.openpe.node.linux;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.Namespaces;
import io.openpe.testkit.netns.NetnsLab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A silent workload behind a gateway bridge: its STALE entry is probed and comes back REACHABLE. */
@Tag("root")
class NeighborRefresherIT {

    @Test
    void aStaleNeighborOfASilentWorkloadIsProbedBackToReachable() {
        try (NetnsLab lab = NetnsLab.create()) {
            String router = lab.namespace("r");
            String workload = lab.namespace("w");
            lab.ip(router, "link", "add", "br-pe-110", "type", "bridge");
            lab.ip(router, "addr", "add", "192.170.1.1/24", "dev", "br-pe-110");
            lab.ip(router, "link", "set", "br-pe-110", "up");
            lab.veth(router, "pe-110", workload, "eth0");
            lab.ip(router, "link", "set", "pe-110", "master", "br-pe-110", "up");
            lab.ip(workload, "addr", "add", "192.170.1.3/24", "dev", "eth0");
            lab.ip(workload, "link", "set", "eth0", "up");
            String mac = lab.ip(workload, "-br", "link", "show", "eth0").trim().split("\\s+")[2];
            // What the kernel holds for a workload that has been silent past base_reachable_time.
            lab.ip(router, "neigh", "replace", "192.170.1.3", "lladdr", mac, "dev", "br-pe-110", "nud", "stale");
            assertTrue(lab.ip(router, "neigh", "show", "192.170.1.3").contains("STALE"));

            List<StaleNeighbor> refreshed = new NeighborRefresher(Namespaces.of(router, workload)).refresh();

            assertEquals(List.of(new StaleNeighbor("192.170.1.3", "br-pe-110", mac)), refreshed);
            // The kernel probed the workload by unicast ARP and the reply confirmed the entry.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lab.ip(router, "neigh", "show", "192.170.1.3").contains("REACHABLE"));
        }
    }
}
