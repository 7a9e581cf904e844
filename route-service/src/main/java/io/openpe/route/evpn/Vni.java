package io.openpe.route.evpn;

import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.PathAttributes;
import io.openpe.route.bgp.PmsiTunnel;
import io.openpe.route.wire.Label;
import java.util.Optional;

/**
 * A route's VXLAN network identifier and where it came from.
 *
 * <p>FRR 8.4 sends the type-2/5 label field as zeros over BMP (DESIGN §6). The VNI is then taken from the auto route
 * target "ASN:VNI" (a type-0 route target whose local administrator fits 24 bits), but only when exactly one such
 * value is present: a symmetric-IRB MAC/IP route carries both the L2 and the L3 VNI's route targets, and guessing
 * between them would be a correction that is not certain, so it stays {@link VniSource#NONE}.
 */
public record Vni(int value, VniSource source) {

    public static final Vni NONE = new Vni(0, VniSource.NONE);
    private static final long MAX_VNI = 0xffffff;

    /** The VNI of {@code route} given the attributes of the UPDATE that carried it. */
    public static Vni of(EvpnRoute route, PathAttributes attributes) {
        return switch (route) {
            case MacIpAdvertisement r -> fromLabelOrRouteTarget(r.label1(), attributes);
            case IpPrefixRoute r -> fromLabelOrRouteTarget(r.label(), attributes);
            case EthernetAutoDiscovery r -> r.label().isZero() ? NONE : new Vni(r.label().vni(), VniSource.LABEL);
            case InclusiveMulticast _ -> {
                Optional<PmsiTunnel> pmsi = attributes.pmsiTunnel();
                if (pmsi.isPresent() && !pmsi.get().label().isZero()) {
                    yield new Vni(pmsi.get().label().vni(), VniSource.PMSI);
                }
                yield fromRouteTarget(attributes);
            }
            case EthernetSegment _, UnknownEvpnRoute _ -> NONE;
        };
    }

    private static Vni fromLabelOrRouteTarget(Label label, PathAttributes attributes) {
        return label.isZero() ? fromRouteTarget(attributes) : new Vni(label.vni(), VniSource.LABEL);
    }

    private static Vni fromRouteTarget(PathAttributes attributes) {
        long found = -1;
        for (ExtendedCommunity.RouteTarget rt : attributes.extendedCommunities(ExtendedCommunity.RouteTarget.class)) {
            long local = rt.localAdministrator();
            if (rt.type() != 0x00 || local == 0 || local > MAX_VNI) {
                continue;
            }
            if (found >= 0 && found != local) {
                return NONE;
            }
            found = local;
        }
        return found < 0 ? NONE : new Vni((int) found, VniSource.ROUTE_TARGET);
    }
}
