package io.openpe.e2e;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.NetnsVrfFleetExtension;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.lab.LabNode;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.lab.layout.ExternalHostLayout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 002's "Pod-to-External L3 Connectivity" against the packaged services on the netns VRF datapath: the first pod
 * ({@code 192.170.1.3} on L2VNI 110, {@code pe-kind-a-control-plane}) runs {@code curl 192.168.20.2:8090/clientip}
 * and is answered its own address (the IP is preserved), and its echo requests leave the node's {@code vni100} and
 * arrive on the {@code vni100} of the node whose host session leads to the external host. The pod shares vm-1's
 * address (seed 000), so it is plugged only for this test, as in {@link PodToPodE2E}.
 */
@Tag("root")
@ExtendWith(NetnsVrfFleetExtension.class)
class PodToExternalHostE2E {

    @Test
    void firstPodReachesTheExternalHostOverVni100WithItsOwnAddress(Fleet fleet) {
        ExternalHostLayout ext = fleet.lab().externalHost().orElseThrow();
        LabNode home = fleet.node("pe-kind-a", 0);
        LabNode gateway = fleet.lab().node(ext.node().name());

        ExternalHost.awaitHostSessionEstablished(gateway);
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload pod1 = workloads.plug(SeedWorkloads.POD_1, home);
            // vm-1 of seed 000 had this address with another MAC: the gateway's neighbor entry follows at once.
            pod1.announce();
            ExternalHost.assertAnsweredWithItsOwnAddressOverVni100(pod1, home, gateway);
        }
    }
}
