package io.openpe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.lab.LabNode;
import io.openpe.lab.LinkCounters;
import io.openpe.lab.PingResult;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002: two pods on L2VNI 110 on two nodes of cluster {@code pe-kind-a} ping each other, and the echo requests
 * cross {@code vni110} of both routers: the VXLAN device's counters move by at least the number of requests, so the
 * traffic went over the overlay and not over some shortcut between the namespaces.
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class PodToPodE2E {

    private static final int COUNT = 10;

    @Test
    void podsOnTwoNodesOfOneClusterPingOverVni110(Fleet fleet) {
        LabNode first = fleet.node("pe-kind-a", 0);
        LabNode second = fleet.node("pe-kind-a", 1);
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload pod1 = workloads.plug(SeedWorkloads.POD_1, first);
            Workload pod2 = workloads.plug(SeedWorkloads.POD_2, second);
            Overlay.awaitReachable(pod1, pod2.ip());

            LinkCounters firstBefore = first.routerLinkCounters("vni110");
            LinkCounters secondBefore = second.routerLinkCounters("vni110");
            PingResult ping = pod1.ping(pod2.ip(), COUNT, 0.2);
            LinkCounters firstAfter = first.routerLinkCounters("vni110");
            LinkCounters secondAfter = second.routerLinkCounters("vni110");

            assertEquals(COUNT, ping.received(), "echo replies from pod-2: " + ping);
            long sent = firstAfter.txPackets() - firstBefore.txPackets();
            long received = secondAfter.rxPackets() - secondBefore.rxPackets();
            assertTrue(sent >= COUNT, "node-0's vni110 sent " + sent + " packets for " + COUNT + " echo requests");
            assertTrue(received >= COUNT, "node-1's vni110 received " + received + " for " + COUNT + " requests");
        }
    }
}
