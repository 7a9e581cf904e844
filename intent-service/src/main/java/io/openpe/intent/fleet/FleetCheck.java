package io.openpe.intent.fleet;

import io.openpe.intent.fleet.FleetFinding.Check;
import io.openpe.intent.fleet.FleetFinding.Party;
import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import io.openpe.intent.model.L2Vni;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.model.Underlay;
import io.openpe.intent.model.Vni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What conflicts between this cluster and the others of the fleet. Pure: it compares values and returns the
 * findings, sorted, so that equal inputs give equal lists.
 *
 * <p>No cluster validates another's intents: each is valid on its own, and only together do they break the fabric.
 * A stretched L2VNI needs the same gateway and VRF everywhere (a VM that moves keeps its gateway, DESIGN §7's
 * pre-check); VTEPs and router ids share one underlay, so two nodes with the same VTEP attract each other's VXLAN
 * traffic, and two with the same router id advertise the same route distinguishers (FRR derives the auto RD from the
 * router id), so the fabric keeps one of two different routes. Overlapping ranges are reported even before two nodes
 * actually collide: the next node added may.
 */
public final class FleetCheck {

    static final String VTEP_FIELD = "spec.evpn.vtepcidr";
    static final String ROUTER_ID_FIELD = "spec.routeridcidr";
    static final String GATEWAY_FIELD = "spec.l2gatewayip";
    static final String VRF_FIELD = "spec.vrf";
    /** How a missing optional value (no VRF, no gateway) reads in a finding. */
    static final String NONE = "(none)";

    private FleetCheck() {
    }

    /** Every conflict between {@code here} and each other cluster; other views of {@code here}'s own name are ignored. */
    public static List<FleetFinding> findings(ClusterView here, Collection<ClusterView> others) {
        List<FleetFinding> findings = new ArrayList<>();
        for (ClusterView there : others) {
            if (there.cluster().equals(here.cluster())) {
                continue;
            }
            stretchedL2Vnis(here, there, findings);
            underlayRanges(here, there, findings);
            nodeAddresses(here, there, Check.VTEP_COLLISION, VTEP_FIELD, PlannedNode::vtepIp, findings);
            nodeAddresses(here, there, Check.ROUTER_ID_COLLISION, ROUTER_ID_FIELD, PlannedNode::routerId, findings);
        }
        findings.sort(null);
        return List.copyOf(findings);
    }

    /** The same VNI on both sides must have the same VRF (or none on both) and the same gateway (or none on both). */
    private static void stretchedL2Vnis(ClusterView here, ClusterView there, List<FleetFinding> out) {
        Map<Vni, L2Vni> theirs = new HashMap<>();
        there.intents().l2Vnis().forEach(l2 -> theirs.put(l2.vni(), l2));
        for (L2Vni mine : here.intents().l2Vnis()) {
            L2Vni other = theirs.get(mine.vni());
            if (other == null) {
                continue;
            }
            String subject = "VNI " + mine.vni();
            if (!mine.vrf().equals(other.vrf())) {
                out.add(new FleetFinding(Check.L2VNI_VRF, subject, party(here, mine.id(), text(mine.vrf())),
                        party(there, other.id(), text(other.vrf())), VRF_FIELD));
            }
            if (!mine.gatewayIp().equals(other.gatewayIp())) {
                out.add(new FleetFinding(Check.L2VNI_GATEWAY, subject, party(here, mine.id(), text(mine.gatewayIp())),
                        party(there, other.id(), text(other.gatewayIp())), GATEWAY_FIELD));
            }
        }
    }

    private static void underlayRanges(ClusterView here, ClusterView there, List<FleetFinding> out) {
        for (Underlay mine : here.intents().underlays()) {
            for (Underlay other : there.intents().underlays()) {
                overlap(Check.VTEP_RANGE_OVERLAP, "VTEP ranges", VTEP_FIELD, here, mine, there, other,
                        Underlay::vtepCidr, out);
                overlap(Check.ROUTER_ID_RANGE_OVERLAP, "router id ranges", ROUTER_ID_FIELD, here, mine, there, other,
                        Underlay::routerIdCidr, out);
            }
        }
    }

    private static void overlap(Check check, String subject, String field, ClusterView here, Underlay mine,
            ClusterView there, Underlay other, Function<Underlay, Cidr> range, List<FleetFinding> out) {
        Cidr a = range.apply(mine);
        Cidr b = range.apply(other);
        if (a.overlaps(b)) {
            out.add(new FleetFinding(check, subject, party(here, mine.id(), a.toString()),
                    party(there, other.id(), b.toString()), field));
        }
    }

    /** Two nodes of the two clusters with the same address: what the seed YAML applied unchanged twice gives. */
    private static void nodeAddresses(ClusterView here, ClusterView there, Check check, String field,
            Function<PlannedNode, IpAddress> address, List<FleetFinding> out) {
        Map<IpAddress, List<PlannedNode>> theirs = new HashMap<>();
        there.nodes().forEach(n -> theirs.computeIfAbsent(address.apply(n), k -> new ArrayList<>()).add(n));
        for (PlannedNode mine : here.nodes()) {
            IpAddress value = address.apply(mine);
            for (PlannedNode other : theirs.getOrDefault(value, List.of())) {
                out.add(new FleetFinding(check, value.toString(), node(here, mine, value), node(there, other, value),
                        field));
            }
        }
    }

    private static Party party(ClusterView cluster, ObjectId object, String value) {
        return new Party(cluster.cluster(), object, Optional.empty(), value);
    }

    private static Party node(ClusterView cluster, PlannedNode node, IpAddress value) {
        return new Party(cluster.cluster(), node.underlay(), Optional.of(node.node()), value.toString());
    }

    private static String text(Optional<?> value) {
        return value.map(Object::toString).orElse(NONE);
    }
}
