package io.openpe.route.bgp;

import io.openpe.route.wire.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A decoded UPDATE (RFC 4271 §4.3): the IPv4 withdrawn routes and NLRI fields, and the path attributes (whose
 * MP_REACH/MP_UNREACH carry the other families, RFC 4760).
 */
public record BgpUpdate(List<Nlri> withdrawnRoutes, PathAttributes attributes, List<Nlri> nlri) {

    public BgpUpdate {
        withdrawnRoutes = List.copyOf(withdrawnRoutes);
        nlri = List.copyOf(nlri);
    }

    /** Every announced route: the IPv4 NLRI field and MP_REACH_NLRI. */
    public List<Nlri> announced() {
        Optional<MpReach> mp = attributes.mpReach();
        if (mp.isEmpty()) {
            return nlri;
        }
        if (nlri.isEmpty()) {
            return mp.get().nlri();
        }
        List<Nlri> all = new ArrayList<>(nlri);
        all.addAll(mp.get().nlri());
        return all;
    }

    /** Every withdrawn route: the IPv4 withdrawn routes field and MP_UNREACH_NLRI. */
    public List<Nlri> withdrawn() {
        Optional<MpUnreach> mp = attributes.mpUnreach();
        if (mp.isEmpty()) {
            return withdrawnRoutes;
        }
        if (withdrawnRoutes.isEmpty()) {
            return mp.get().withdrawn();
        }
        List<Nlri> all = new ArrayList<>(withdrawnRoutes);
        all.addAll(mp.get().withdrawn());
        return all;
    }

    /** The next hop of routes of {@code afiSafi}: MP_REACH's for its family, NEXT_HOP for IPv4 unicast. */
    public Optional<IpAddress> nextHop(AfiSafi afiSafi) {
        return attributes.nextHop(afiSafi);
    }

    /**
     * The family this UPDATE ends the initial table of (RFC 4724 §2): an UPDATE with nothing in it for IPv4 unicast, or
     * one whose only attribute is an empty MP_UNREACH_NLRI for any other family.
     */
    public Optional<AfiSafi> endOfRib() {
        if (!withdrawnRoutes.isEmpty() || !nlri.isEmpty()) {
            return Optional.empty();
        }
        if (attributes.all().isEmpty()) {
            return Optional.of(AfiSafi.IPV4_UNICAST);
        }
        if (attributes.all().size() == 1 && attributes.all().getFirst() instanceof MpUnreach u
                && u.withdrawn().isEmpty()) {
            return Optional.of(u.afiSafi());
        }
        return Optional.empty();
    }
}
