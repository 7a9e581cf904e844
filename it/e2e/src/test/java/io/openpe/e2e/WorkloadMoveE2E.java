package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.e2e.fleet.TopicView;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.lab.LabNode;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RibView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A workload moved to another node (re-plugged into that node's {@code br-hs-110}, gratuitous ARP sent, as a migrated
 * VM does) shows up on {@code openpe.evpn-routes} as a type-2 route from the new VTEP with a higher MAC mobility
 * sequence (RFC 7432 §15), the routes from the old VTEP are withdrawn (tombstones), and LocateMac follows.
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class WorkloadMoveE2E {

    @Test
    void movedWorkloadIsAdvertisedFromItsNewVtepWithAHigherSequenceAndTheOldRouteWithdrawn(Fleet fleet) {
        move(fleet, fleet.node("pe-kind-a", 0), fleet.node("pe-kind-a", 1), fleet.node("pe-kind-b", 0));
    }

    /** Seed 003's case: the VM keeps its MAC and address and comes up in the other cluster. */
    @Test
    void workloadMovedToTheOtherClusterIsAdvertisedFromThatClustersVtep(Fleet fleet) {
        move(fleet, fleet.node("pe-kind-a", 0), fleet.node("pe-kind-b", 1), fleet.node("pe-kind-b", 0));
    }

    /**
     * LocateMac of a VM in cluster B names B's VTEP and cluster B, although FRR 8.4 over BMP never reports the VTEP's
     * own local route and every copy route-service holds comes from another router, some of cluster A (README
     * "Findings": route-service now takes the cluster from the plan that names the VTEP).
     */
    @Test
    void locateMacNamesTheClusterOfTheVtep(Fleet fleet) {
        LabNode home = fleet.node("pe-kind-b", 1);
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, home);
            MacLocation location = await("LocateMac of vm-2 at " + home.vtepIp()).atMost(Overlay.CONVERGE)
                    .ignoreExceptions()
                    .until(() -> locate(fleet, vm2.mac()), l -> l.getVtep().equals(home.vtepIp()));
            assertEquals(home.cluster(), location.getCluster(), location.toString());
        }
    }

    private static void move(Fleet fleet, LabNode from, LabNode to, LabNode peer) {
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload vm1 = workloads.plug(SeedWorkloads.VM_1, from);
            Workload vm2 = workloads.plug(SeedWorkloads.VM_2, peer);
            Overlay.awaitReachable(vm1, vm2.ip());
            String mac = vm1.mac();
            // Where route-service places the MAC before the move (an earlier test may have left routes of it from
            // other VTEPs being withdrawn): here, and the routes it has from this VTEP.
            MacLocation start = await("LocateMac of vm-1 at " + from.vtepIp()).atMost(Overlay.CONVERGE)
                    .ignoreExceptions()
                    .until(() -> locate(fleet, mac), l -> l.getVtep().equals(from.vtepIp()));
            Map<String, EvpnRoute> before = await("post-policy type-2 routes of vm-1 from " + from.vtepIp())
                    .atMost(Overlay.CONVERGE)
                    .until(() -> fromVtep(macRoutes(fleet.evpnRoutes(), mac), from), routes -> !routes.isEmpty());
            int oldSequence = Math.max(start.getMobilitySequence(),
                    before.values().stream().mapToInt(EvpnRoute::getMacMobilitySequence).max().orElse(0));
            int mark = fleet.evpnRoutes().size();

            vm1.moveTo(to, Workloads.BRIDGE_TIMEOUT);

            List<TopicView.Entry<EvpnRoute>> moved = await("type-2 of vm-1 from the new VTEP " + to.vtepIp())
                    .atMost(Overlay.CONVERGE)
                    .until(() -> fleet.evpnRoutes().historySince(mark).stream()
                            .filter(e -> !e.tombstone() && isMac(e.value(), mac)
                                    && e.value().getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY
                                    && e.value().getNextHop().equals(to.vtepIp()))
                            .toList(), l -> !l.isEmpty());
            EvpnRoute advertised = moved.getFirst().value();
            assertTrue(advertised.getHasMacMobility(), "the moved MAC's route carries MAC mobility: " + advertised);
            assertTrue(advertised.getMacMobilitySequence() > oldSequence, "sequence " + advertised
                    .getMacMobilitySequence() + " after " + oldSequence);

            // Every route of the MAC from the old VTEP is tombstoned; none remains on the topic.
            try {
                await("routes of vm-1 from the old VTEP " + from.vtepIp() + " withdrawn").atMost(Overlay.CONVERGE)
                        .until(() -> macRoutes(fleet.evpnRoutes(), mac).values().stream()
                                .noneMatch(r -> r.getNextHop().equals(from.vtepIp())));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("routes of vm-1 still from " + from.vtepIp() + " after the move: "
                        + macRoutes(fleet.evpnRoutes(), mac).entrySet().stream()
                                .filter(r -> r.getValue().getNextHop().equals(from.vtepIp()))
                                .map(r -> r.getKey() + " seq " + r.getValue().getMacMobilitySequence()).toList()
                        + "; FRR of " + to + ":\n"
                        + to.vtysh("show bgp l2vpn evpn route vni 110 mac " + mac).stdout(), e);
            }
            Set<String> tombstoned = fleet.evpnRoutes().historySince(mark).stream().filter(TopicView.Entry::tombstone)
                    .map(TopicView.Entry::key).collect(Collectors.toSet());
            assertTrue(tombstoned.containsAll(before.keySet()), "tombstones " + tombstoned + " cover the old routes "
                    + before.keySet());

            MacLocation location = await("LocateMac of vm-1 follows the move").atMost(Overlay.CONVERGE)
                    .ignoreExceptions()
                    .until(() -> locate(fleet, mac), l -> l.getVtep().equals(to.vtepIp()));
            if (from.cluster().equals(to.cluster())) {
                assertEquals(to.cluster(), location.getCluster());
            }
            assertTrue(location.getMobilitySequence() > oldSequence, "LocateMac's sequence: " + location);
        }
    }

    private static MacLocation locate(Fleet fleet, String mac) {
        return fleet.routeService().locateMac(LocateMacRequest.newBuilder().setVni(110).setMac(mac).build())
                .getLocation();
    }

    private static Map<String, EvpnRoute> fromVtep(Map<String, EvpnRoute> routes, LabNode node) {
        return routes.entrySet().stream().filter(e -> e.getValue().getNextHop().equals(node.vtepIp()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The MAC's routes in the routers' post-policy view: what each router accepted (see RoutesAgreeWithFrrE2E). */
    private static Map<String, EvpnRoute> macRoutes(TopicView<EvpnRoute> view, String mac) {
        return view.latest().entrySet().stream().filter(e -> isMac(e.getValue(), mac))
                .filter(e -> e.getValue().getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static boolean isMac(EvpnRoute route, String mac) {
        return route.getRouteType() == 2 && route.getVni() == 110 && route.getMac().equalsIgnoreCase(mac);
    }
}
