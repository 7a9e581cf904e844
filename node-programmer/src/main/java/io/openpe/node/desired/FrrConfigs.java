package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.L3Domain;
import io.openpe.node.desired.NodePlan.Underlay;
import io.openpe.node.frr.FrrConfig;
import io.openpe.node.frr.FrrConfig.BgpRouter;
import io.openpe.node.frr.FrrConfig.BmpTarget;
import io.openpe.node.frr.FrrConfig.Neighbor;
import io.openpe.node.frr.FrrConfig.VrfRouter;
import io.openpe.node.frr.FrrConfig.VrfVni;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The FRR model of a plan (the counterpart of OpenPERouter's {@code APItoFRR}). Pure. */
public final class FrrConfigs {

    /** BMP reconnect back-off bounds in milliseconds: retry quickly, never wait more than a second. */
    static final int BMP_MIN_RETRY_MILLIS = 100;
    static final int BMP_MAX_RETRY_MILLIS = 1000;
    static final String BMP_TARGET_NAME = "openpe";

    private FrrConfigs() {
    }

    public static FrrConfig fromPlan(NodePlan plan) {
        Optional<BgpRouter> router = plan.underlay().map(underlay -> underlayToFrr(underlay, plan.bmp()));
        List<VrfVni> vrfVnis = new ArrayList<>();
        List<VrfRouter> vrfRouters = new ArrayList<>();
        for (L3Domain l3 : plan.l3Domains()) {
            vrfVnis.add(new VrfVni(l3.vrf(), l3.vni()));
            plan.underlay().ifPresent(underlay -> vrfRouters.add(l3DomainToFrr(l3, underlay)));
        }
        return new FrrConfig(plan.node(), router, vrfVnis, vrfRouters);
    }

    /**
     * The parts of {@link #fromPlan}'s configuration per intent: "frr router bgp ASN" for the Underlay, "frr vrf NAME"
     * (VRF, VNI and VRF BGP instance) per L3VNI. An L2VNI has no FRR lines of its own (advertise-all-vni covers it).
     */
    public static List<FrrPart> parts(NodePlan plan) {
        List<FrrPart> parts = new ArrayList<>();
        plan.underlay().ifPresent(u -> parts.add(new FrrPart("frr router bgp " + u.asn(), u.source())));
        for (L3Domain l3 : plan.l3Domains()) {
            parts.add(new FrrPart("frr vrf " + l3.vrf(), l3.source()));
        }
        return parts;
    }

    static BgpRouter underlayToFrr(Underlay underlay, Optional<NodePlan.BmpTarget> bmp) {
        List<Neighbor> neighbors = underlay.neighbors().stream()
                .map(n -> Neighbor.of(n.address(), n.asn(), underlay.asn())).toList();
        return new BgpRouter(underlay.asn(), underlay.routerId(), neighbors, List.of(underlay.vtepIp() + "/32"),
                bmp.map(FrrConfigs::bmpToFrr));
    }

    static BmpTarget bmpToFrr(NodePlan.BmpTarget bmp) {
        return new BmpTarget(BMP_TARGET_NAME, bmp.address(), bmp.port(), BMP_MIN_RETRY_MILLIS, BMP_MAX_RETRY_MILLIS);
    }

    static VrfRouter l3DomainToFrr(L3Domain l3, Underlay underlay) {
        long asn = l3.hostSession().map(NodePlan.HostSession::routerAsn).filter(a -> a > 0).orElse(underlay.asn());
        List<Neighbor> neighbors = new ArrayList<>();
        l3.hostSession().ifPresent(session -> {
            session.hostIpv4().ifPresent(cidr -> neighbors.add(Neighbor.of(hostAddress(cidr), session.hostAsn(), asn)));
            session.hostIpv6().ifPresent(cidr -> neighbors.add(Neighbor.of(hostAddress(cidr), session.hostAsn(), asn)));
        });
        return new VrfRouter(l3.vrf(), asn, underlay.routerId(), neighbors, l3.importRts(), l3.exportRts());
    }

    private static String hostAddress(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
