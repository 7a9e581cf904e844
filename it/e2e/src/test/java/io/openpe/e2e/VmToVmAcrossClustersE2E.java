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
 * Seed 000: vm-1 in cluster {@code pe-kind-a} pings vm-2 in cluster {@code pe-kind-b} over the stretched L2VNI 110.
 * The nodes are in different ASes behind different leafs; the only path between them is VXLAN over the spine, and
 * the echo requests show on {@code vni110} of both routers.
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class VmToVmAcrossClustersE2E {

    private static final int COUNT = 10;

    @Test
    void vmOneInClusterAPingsVmTwoInClusterB(Fleet fleet) {
        LabNode a = fleet.node("pe-kind-a", 0);
        LabNode b = fleet.node("pe-kind-b", 0);
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, a);
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, b);
            Overlay.awaitReachable(vm1, vm2.ip());

            LinkCounters aBefore = a.routerLinkCounters("vni110");
            LinkCounters bBefore = b.routerLinkCounters("vni110");
            PingResult ping = vm1.ping(vm2.ip(), COUNT, 0.2);
            LinkCounters aAfter = a.routerLinkCounters("vni110");
            LinkCounters bAfter = b.routerLinkCounters("vni110");

            assertEquals(COUNT, ping.received(), "echo replies from vm-2 across clusters: " + ping);
            long sent = aAfter.txPackets() - aBefore.txPackets();
            long received = bAfter.rxPackets() - bBefore.rxPackets();
            assertTrue(sent >= COUNT, a + " vni110 sent " + sent + " packets for " + COUNT + " echo requests");
            assertTrue(received >= COUNT, b + " vni110 received " + received + " for " + COUNT + " requests");
        }
    }
}
