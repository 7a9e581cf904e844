package io.openpe.e2e;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.frr.EvpnRouteId;
import io.openpe.e2e.frr.FrrEvpnTable;
import io.openpe.lab.LabNode;
import io.openpe.route.v1.RibView;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One node's EVPN routes as its FRR received them against route-service's post-policy records of that router on
 * {@code openpe.evpn-routes}: the comparison every end-to-end test that holds route-service to FRR makes.
 */
final class RouteAgreement {

    private static final Comparator<EvpnRouteId> ORDER = Comparator.comparing(EvpnRouteId::toString);

    private RouteAgreement() {
    }

    /** FRR's received paths equal the post-policy records on Kafka, and FRR received some. */
    static void awaitEqual(Fleet fleet, LabNode node) {
        await(fleet, node, (frr, kafka) -> !frr.isEmpty() && frr.equals(kafka),
                "post-policy routes on Kafka equal the paths FRR received");
    }

    /**
     * Re-reads both sides until {@code agree} holds (BMP and Kafka deliver after FRR has the route) or
     * {@link Overlay#CONVERGE} passed; the failure names what only one side held.
     */
    static void await(Fleet fleet, LabNode node, BiPredicate<Set<EvpnRouteId>, Set<EvpnRouteId>> agree,
            String what) {
        AtomicReference<Set<EvpnRouteId>> frr = new AtomicReference<>(Set.of());
        AtomicReference<Set<EvpnRouteId>> kafka = new AtomicReference<>(Set.of());
        try {
            Awaitility.await(node + ": " + what).atMost(Overlay.CONVERGE)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        frr.set(frrReceived(node));
                        kafka.set(postPolicyOnKafka(fleet, node));
                        return agree.test(frr.get(), kafka.get());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(node + ": not " + what + "; only in FRR: " + difference(frr.get(), kafka.get())
                    + "; only on Kafka: " + difference(kafka.get(), frr.get()), e);
        }
    }

    /** Every path FRR holds from a peer, valid or not: the router's Adj-RIB-In, as BMP reports it. */
    static Set<EvpnRouteId> frrReceived(LabNode node) {
        return sorted(FrrEvpnTable.parse(node.vtysh("show bgp l2vpn evpn json").orThrow().stdout()).receivedAll());
    }

    static Set<EvpnRouteId> postPolicyOnKafka(Fleet fleet, LabNode node) {
        return sorted(fleet.evpnRoutes().latest().values().stream()
                .filter(r -> r.getRouter().getAddress().equals(node.managementAddress()))
                .filter(r -> r.getView() == RibView.RIB_VIEW_ADJ_RIB_IN_POST_POLICY)
                .map(EvpnRouteId::of).collect(Collectors.toSet()));
    }

    private static Set<EvpnRouteId> difference(Set<EvpnRouteId> a, Set<EvpnRouteId> b) {
        Set<EvpnRouteId> out = new TreeSet<>(ORDER);
        out.addAll(a);
        out.removeAll(b);
        return out;
    }

    private static Set<EvpnRouteId> sorted(Set<EvpnRouteId> routes) {
        Set<EvpnRouteId> out = new TreeSet<>(ORDER);
        out.addAll(routes);
        return out;
    }
}
