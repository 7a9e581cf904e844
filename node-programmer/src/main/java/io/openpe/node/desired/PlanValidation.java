package io.openpe.node.desired;

import io.openpe.node.desired.NodePlan.HostSession;
import io.openpe.node.desired.NodePlan.L2Domain;
import io.openpe.node.desired.NodePlan.L3Domain;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.NodePlan.Underlay;
import io.openpe.node.desired.NodePlan.VethPair;
import io.openpe.node.desired.NodePlan.VxlanPlan;
import io.openpe.rules.Cidr;
import io.openpe.rules.HostName;
import io.openpe.rules.InterfaceName;
import io.openpe.rules.IpAddress;
import io.openpe.rules.MacAddress;
import io.openpe.rules.NumberRange;
import io.openpe.rules.ObjectName;
import io.openpe.rules.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every field of a plan against the rules intent-service applies ({@code io.openpe.rules}) before anything is
 * built from it. node-programmer runs as root and turns plan strings into {@code ip -batch} lines and FRR
 * configuration; anything that can write to {@code openpe.plans} could otherwise run commands on every node (a
 * newline in a VRF name starts a new {@code ip} command, and {@code netns exec} runs any program). Pure: the plan in,
 * the list of field errors out, empty when the plan may be applied.
 *
 * <p>Zero stands for "not set" where the planner leaves a number out (underlay MTU, VXLAN port, host session router
 * ASN), as {@link DesiredState} reads them.
 */
public final class PlanValidation {

    private PlanValidation() {
    }

    public static List<FieldError> errorsOf(NodePlan plan) {
        Errors errors = new Errors();
        errors.check("cluster", Optional.empty(), () -> HostName.requireValid(plan.cluster()));
        errors.check("node", Optional.empty(), () -> HostName.requireValid(plan.node()));
        if (!plan.contentHash().isEmpty()) {
            errors.check("contentHash", Optional.empty(), () -> ObjectName.requireValid(plan.contentHash()));
        }
        plan.underlay().ifPresent(underlay -> underlay(errors, underlay));
        for (int i = 0; i < plan.l3Domains().size(); i++) {
            l3Domain(errors, "l3Domains[" + i + "]", plan.l3Domains().get(i));
        }
        for (int i = 0; i < plan.l2Domains().size(); i++) {
            l2Domain(errors, "l2Domains[" + i + "]", plan.l2Domains().get(i));
        }
        plan.bmp().ifPresent(bmp -> {
            errors.check("bmp.address", Optional.empty(), () -> HostName.requireAddressOrName(bmp.address()));
            errors.check("bmp.port", Optional.empty(), () -> NumberRange.PORT.requireValid(bmp.port()));
        });
        return errors.all();
    }

    private static void underlay(Errors errors, Underlay underlay) {
        Optional<SourceRef> source = source(errors, "underlay", underlay.source());
        errors.check("underlay.asn", source, () -> NumberRange.ASN.requireValid(underlay.asn()));
        errors.check("underlay.routerId", source, () -> ipv4(underlay.routerId()));
        errors.check("underlay.vtepIp", source, () -> ipv4(underlay.vtepIp()));
        for (int i = 0; i < underlay.nics().size(); i++) {
            String nic = underlay.nics().get(i);
            errors.check("underlay.nics[" + i + "]", source, () -> InterfaceName.requireValid(nic));
        }
        for (int i = 0; i < underlay.neighbors().size(); i++) {
            NodePlan.Neighbor neighbor = underlay.neighbors().get(i);
            String field = "underlay.neighbors[" + i + "]";
            errors.check(field + ".asn", source, () -> NumberRange.ASN.requireValid(neighbor.asn()));
            errors.check(field + ".address", source, () -> IpAddress.parse(neighbor.address()));
        }
        if (underlay.mtu() != 0) {
            errors.check("underlay.mtu", source, () -> NumberRange.MTU.requireValid(underlay.mtu()));
        }
    }

    private static void l3Domain(Errors errors, String field, L3Domain l3) {
        Optional<SourceRef> source = source(errors, field, l3.source());
        errors.check(field + ".vrf", source, () -> InterfaceName.requireValid(l3.vrf()));
        errors.check(field + ".vni", source, () -> NumberRange.VNI.requireValid(l3.vni()));
        errors.check(field + ".bridge", source, () -> InterfaceName.requireValid(l3.bridge()));
        vxlan(errors, field + ".vxlan", source, l3.vxlan());
        routeTargets(errors, field + ".exportRts", source, l3.exportRts());
        routeTargets(errors, field + ".importRts", source, l3.importRts());
        l3.hostSession().ifPresent(session -> hostSession(errors, field + ".hostSession", source, session));
        l3.routerMac().ifPresent(mac -> errors.check(field + ".routerMac", source, () -> MacAddress.requireValid(mac)));
    }

    private static void l2Domain(Errors errors, String field, L2Domain l2) {
        Optional<SourceRef> source = source(errors, field, l2.source());
        errors.check(field + ".vni", source, () -> NumberRange.VNI.requireValid(l2.vni()));
        l2.vrf().ifPresent(vrf -> errors.check(field + ".vrf", source, () -> InterfaceName.requireValid(vrf)));
        errors.check(field + ".bridge", source, () -> InterfaceName.requireValid(l2.bridge()));
        vxlan(errors, field + ".vxlan", source, l2.vxlan());
        veth(errors, field + ".veth", source, l2.veth());
        l2.hostBridge().ifPresent(hostBridge -> errors.check(field + ".hostBridge.name", source,
                () -> InterfaceName.requireValid(hostBridge.name())));
        l2.gatewayIp().ifPresent(gw -> errors.check(field + ".gatewayIp", source, () -> Cidr.parse(gw)));
        l2.gatewayMac().ifPresent(mac -> errors.check(field + ".gatewayMac", source,
                () -> MacAddress.requireValid(mac)));
    }

    private static void vxlan(Errors errors, String field, Optional<SourceRef> source, VxlanPlan vxlan) {
        errors.check(field + ".name", source, () -> InterfaceName.requireValid(vxlan.name()));
        errors.check(field + ".vni", source, () -> NumberRange.VNI.requireValid(vxlan.vni()));
        errors.check(field + ".localIp", source, () -> ipv4(vxlan.localIp()));
        if (vxlan.dstPort() != 0) {
            errors.check(field + ".dstPort", source, () -> NumberRange.PORT.requireValid(vxlan.dstPort()));
        }
    }

    private static void veth(Errors errors, String field, Optional<SourceRef> source, VethPair veth) {
        errors.check(field + ".routerName", source, () -> InterfaceName.requireValid(veth.routerName()));
        errors.check(field + ".hostName", source, () -> InterfaceName.requireValid(veth.hostName()));
        errors.check(field + ".mtu", source, () -> NumberRange.MTU.requireValid(veth.mtu()));
    }

    private static void hostSession(Errors errors, String field, Optional<SourceRef> source, HostSession session) {
        veth(errors, field + ".veth", source, session.veth());
        if (session.routerAsn() != 0) {
            errors.check(field + ".routerAsn", source, () -> NumberRange.ASN.requireValid(session.routerAsn()));
        }
        errors.check(field + ".hostAsn", source, () -> NumberRange.ASN.requireValid(session.hostAsn()));
        session.routerIpv4().ifPresent(c -> errors.check(field + ".routerIpv4", source, () -> cidr(c, false)));
        session.hostIpv4().ifPresent(c -> errors.check(field + ".hostIpv4", source, () -> cidr(c, false)));
        session.routerIpv6().ifPresent(c -> errors.check(field + ".routerIpv6", source, () -> cidr(c, true)));
        session.hostIpv6().ifPresent(c -> errors.check(field + ".hostIpv6", source, () -> cidr(c, true)));
    }

    private static void routeTargets(Errors errors, String field, Optional<SourceRef> source, List<String> rts) {
        for (int i = 0; i < rts.size(); i++) {
            String rt = rts.get(i);
            // FRR prints the canonical form; a target that parses to another text would never match it.
            errors.check(field + "[" + i + "]", source, () -> canonical(rt, RouteTarget.parse(rt).toString()));
        }
    }

    /** The intent's identity, checked; results are labelled with it only when it is valid. */
    private static Optional<SourceRef> source(Errors errors, String field, SourceRef source) {
        int before = errors.all().size();
        errors.check(field + ".source.namespace", Optional.empty(), () -> ObjectName.requireValid(source.namespace()));
        errors.check(field + ".source.name", Optional.empty(), () -> ObjectName.requireValid(source.name()));
        return errors.all().size() == before ? Optional.of(source) : Optional.empty();
    }

    private static IpAddress ipv4(String text) {
        IpAddress address = IpAddress.parse(text);
        if (address.v6()) {
            throw new IllegalArgumentException("must be an IPv4 address, got \"" + text + "\"");
        }
        return address;
    }

    private static Cidr cidr(String text, boolean v6) {
        Cidr cidr = Cidr.parse(text);
        if (cidr.isIpv6() != v6) {
            throw new IllegalArgumentException("must be an " + (v6 ? "IPv6" : "IPv4") + " CIDR, got \"" + text + "\"");
        }
        return cidr;
    }

    private static String canonical(String text, String parsed) {
        if (!parsed.equals(text)) {
            throw new IllegalArgumentException("must be written " + parsed + ", got \"" + text + "\"");
        }
        return text;
    }

    /** Collects errors instead of stopping at the first, so one report names every broken field. */
    private static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();

        void check(String field, Optional<SourceRef> source, Runnable rule) {
            try {
                rule.run();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, source, e.getMessage()));
            }
        }

        List<FieldError> all() {
            return List.copyOf(errors);
        }
    }
}
