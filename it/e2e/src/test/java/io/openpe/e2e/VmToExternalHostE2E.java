package io.openpe.e2e;

import static io.openpe.e2e.ExternalHost.L3_VNI;
import static io.openpe.e2e.ExternalHost.awaitOrExplain;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.NetnsVrfFleetExtension;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.e2e.frr.FrrEvpnTable;
import io.openpe.lab.LabNode;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.lab.layout.ExternalHostLayout;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.RibView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 000's "VM-to-External L3 Connectivity" on a kernel without VRF devices (issue 12), against the packaged
 * services on the netns VRF datapath: vm-1 on {@code pe-kind-a-control-plane} fetches
 * {@code 192.168.20.2:8090/clientip} from the external host behind the other node's VRF red (seed 002's L3VNI host
 * session, BGP speaker AS 64515) and is answered its own address, {@code 192.170.1.3} (routed, no NAT); the echo
 * requests leave one node's {@code vni100} and arrive on the other's; the type-5 routes of VRF red are on
 * {@code openpe.evpn-routes} with prefix, router MAC and VNI 100, each one a path the router's FRR holds, and the
 * external network's reaches every node of both clusters: the other cluster's FRR accepts it, which it refused while
 * router MACs repeated per cluster (FRR drops an EVPN route carrying one of its own MACs). One test, one fleet: its
 * run time is the fleet's start plus the convergence.
 */
@Tag("root")
@ExtendWith(NetnsVrfFleetExtension.class)
class VmToExternalHostE2E {

    @Test
    void vm1ReachesTheExternalHostOverVni100WithItsOwnAddress(Fleet fleet) {
        ExternalHostLayout ext = fleet.lab().externalHost().orElseThrow();
        LabNode home = fleet.node("pe-kind-a", 0);
        LabNode gateway = fleet.lab().node(ext.node().name());

        ExternalHost.awaitHostSessionEstablished(gateway);
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, home);
            // pod-1 of seed 002 had this address with another MAC: the gateway's neighbor entry follows at once.
            vm1.announce();
            ExternalHost.assertAnsweredWithItsOwnAddressOverVni100(vm1, home, gateway);

            for (LabNode node : fleet.nodes()) {
                if (!node.name().equals(gateway.name())) {
                    awaitTypeFiveAgreement(fleet, node, gateway);
                }
            }
        }
    }

    /**
     * On {@code node}: type-5 routes are on Kafka (post-policy view of this router), every one with VNI 100 and a path
     * its FRR received (RD, prefix, next hop, router MAC); the external network's among them, via the gateway's VTEP,
     * in FRR and on Kafka, on every node of both clusters. The other cluster does not import it into its VRF red (the
     * seeds' route targets are per cluster AS) but holds it: a VRF stretched across clusters with one route target
     * gets it.
     */
    private static void awaitTypeFiveAgreement(Fleet fleet, LabNode node, LabNode gateway) {
        AtomicReference<String> last = new AtomicReference<>("");
        awaitOrExplain(node + ": type-5 routes on Kafka agree with FRR", last, () -> {
            List<FrrEvpnTable.Path> paths = FrrEvpnTable.parse(node.vtysh("show bgp l2vpn evpn route type prefix"
                    + " json").orThrow().stdout()).paths().stream().filter(p -> p.type() == 5 && !p.local()).toList();
            Set<List<String>> frr = paths.stream().map(p -> List.of(p.rd(), p.ip(), p.nextHop(), p.routerMac()))
                    .collect(Collectors.toSet());
            List<EvpnRoute> received = fleet.evpnRoutes().latest().values().stream()
                    .filter(r -> r.getRouter().getAddress().equals(node.managementAddress()))
                    .filter(r -> r.getRouteType() == 5).toList();
            List<EvpnRoute> kafka = received.stream()
                    .filter(r -> r.getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY).toList();
            List<String> problems = new ArrayList<>();
            if (paths.stream().noneMatch(p -> p.ip().equals(ExternalHostLayout.NETWORK)
                    && p.nextHop().equals(gateway.vtepIp()) && !p.routerMac().isEmpty())) {
                problems.add("FRR holds no type-5 " + ExternalHostLayout.NETWORK + " via " + gateway.vtepIp()
                        + " with a router MAC");
            }
            // Either Adj-RIB-In view counts: the post-policy view sometimes lacks routes FRR accepted (README
            // "Findings").
            if (received.stream().noneMatch(r -> r.getPrefix().equals(ExternalHostLayout.NETWORK)
                    && r.getNextHop().equals(gateway.vtepIp()) && r.getVni() == L3_VNI
                    && !r.getRouterMac().isEmpty())) {
                problems.add("no type-5 " + ExternalHostLayout.NETWORK + " via " + gateway.vtepIp() + " on Kafka"
                        + " with VNI " + L3_VNI + " and a router MAC");
            }
            if (kafka.isEmpty()) {
                problems.add("no type-5 route on Kafka for this router");
            }
            for (EvpnRoute r : kafka) {
                if (r.getVni() != L3_VNI) {
                    problems.add("VNI " + r.getVni() + " on " + r.getPrefix());
                }
                List<String> id = List.of(r.getRd().getValue(), r.getPrefix(), r.getNextHop(),
                        r.getRouterMac().toLowerCase(Locale.ROOT));
                if (!frr.contains(id)) {
                    problems.add("on Kafka, not in FRR: " + id);
                }
            }
            last.set(problems + "; FRR: " + frr);
            return problems.isEmpty();
        });
    }
}
