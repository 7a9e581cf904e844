package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.BmpTarget;
import io.openpe.node.desired.NodePlan.HostBridge;
import io.openpe.node.desired.NodePlan.HostSession;
import io.openpe.node.desired.NodePlan.L2Domain;
import io.openpe.node.desired.NodePlan.L3Domain;
import io.openpe.node.desired.NodePlan.Neighbor;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.NodePlan.Underlay;
import io.openpe.node.desired.NodePlan.VethPair;
import io.openpe.node.desired.NodePlan.VxlanPlan;
import java.util.List;
import java.util.Optional;

/**
 * Plans for node index 0 built by hand from the seed resources and the rules of DESIGN §4: VTEP = host 0 of
 * 100.65.0.0/24 = 100.65.0.0; router id = host 1 of 10.0.0.0/24 = 10.0.0.1; anycast MAC of VNI 110 = 00:f3 +
 * be32(111) = 00:f3:00:00:00:6f; veth MTU = 1500 - 50 = 1450; host session host side = host 2 of 192.169.10.0/24.
 */
public final class SeedPlans {

    public static final String NS = "openperouter-system";
    public static final SourceRef UNDERLAY = new SourceRef("Underlay", NS, "underlay");
    public static final SourceRef LAYER2 = new SourceRef("L2VNI", NS, "layer2");
    public static final SourceRef RED = new SourceRef("L3VNI", NS, "red");

    private SeedPlans() {
    }

    /** Seed 001's Underlay, with the given NICs. */
    public static Underlay underlay(List<String> nics) {
        return new Underlay(UNDERLAY, 64514, "10.0.0.1", "100.65.0.0", nics,
                List.of(new Neighbor(64512, "192.168.11.2")), 1500);
    }

    public static L2Domain l2vni110(Optional<String> vrf, String gateway) {
        return new L2Domain(LAYER2, 110, vrf, false, "br-pe-110", new VxlanPlan("vni110", 110, "100.65.0.0", 4789),
                new VethPair("pe-110", "host-110", 1450), Optional.of(new HostBridge("br-hs-110", true)),
                Optional.of(gateway), Optional.of("00:f3:00:00:00:6f"));
    }

    /** Seed 000's L3VNI red (VNI 100), optionally with seed 002's host session (asn 64514, hostasn 64515). */
    public static L3Domain red(boolean hostSession) {
        Optional<HostSession> session = hostSession
                ? Optional.of(new HostSession(new VethPair("pe-100", "host-100", 1450), 64514, 64515,
                        Optional.of("192.169.10.1/24"), Optional.of("192.169.10.2/24"), Optional.empty(),
                        Optional.empty()))
                : Optional.empty();
        return new L3Domain(RED, "red", 100, "br-pe-100", new VxlanPlan("vni100", 100, "100.65.0.0", 4789),
                List.of(), List.of(), session, Optional.of("00:f3:00:00:00:65"));
    }

    public static NodePlan plan(Optional<Underlay> underlay, List<L3Domain> l3, List<L2Domain> l2) {
        return new NodePlan("local", "node-a", 1, "hash", underlay, l3, l2, Optional.empty());
    }

    /** L2VNI 110 without a VRF: the gateway lives in the main table, so every part applies on any kernel. */
    public static NodePlan l2Only(List<String> nics) {
        return plan(Optional.of(underlay(nics)), List.of(), List.of(l2vni110(Optional.empty(), "192.170.1.1/24")));
    }

    /** Seed 000: L3VNI red and L2VNI 110 in VRF red. */
    public static NodePlan seed000(List<String> nics) {
        return plan(Optional.of(underlay(nics)), List.of(red(false)),
                List.of(l2vni110(Optional.of("red"), "192.170.1.1/24")));
    }

    public static NodePlan withBmp(NodePlan plan, String address, int port) {
        return new NodePlan(plan.cluster(), plan.node(), plan.generation(), plan.contentHash(), plan.underlay(),
                plan.l3Domains(), plan.l2Domains(), Optional.of(new BmpTarget(address, port)));
    }

    public static NodePlan empty() {
        return plan(Optional.empty(), List.of(), List.of());
    }
}
