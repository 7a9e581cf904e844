package io.openpe.route.rib;

import io.openpe.route.bgp.ExtendedCommunities;
import io.openpe.route.bgp.ExtendedCommunity;
import io.openpe.route.bgp.MpReach;
import io.openpe.route.bgp.MpUnreach;
import io.openpe.route.bgp.PathAttribute;
import io.openpe.route.bgp.PathAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a stored route's path attributes that many routes share: the UPDATE's attributes without the NLRI lists
 * and without the one MAC mobility community (RFC 7432 §7.7), which FRR sends with a sequence of its own per MAC, so
 * the rest is identical for most routes of a router and is interned ({@link AttributeSets}).
 *
 * @param mobilityAt where the MAC mobility community sat among the extended communities, -1 when there was none
 */
record SharedAttributes(PathAttributes attributes, int mobilityAt) {

    /** What a route keeps apart from the shared part: the 8 bytes of its MAC mobility community, 0 for none. */
    static final long NO_MOBILITY = 0;

    /** An UPDATE's attributes taken apart: the candidate shared part and the route's own mobility community. */
    record Split(SharedAttributes shared, long mobility) {
    }

    /**
     * Drops MP_UNREACH and MP_REACH's NLRI (a stored route must not keep the other routes of its UPDATE alive) and
     * takes out the MAC mobility community when there is exactly one (with several, they stay in the shared part).
     */
    static Split split(PathAttributes update) {
        List<PathAttribute> kept = new ArrayList<>(update.all().size());
        int mobilityAt = -1;
        long mobility = NO_MOBILITY;
        boolean firstCommunities = true;
        for (PathAttribute a : update.all()) {
            switch (a) {
                case MpUnreach _ -> { }
                case MpReach r -> kept.add(r.nlri().isEmpty() ? r
                        : new MpReach(r.afiSafi(), r.nextHop(), r.linkLocalNextHop(), List.of()));
                case ExtendedCommunities c -> {
                    // Only the first attribute's: join() puts the community back into the first one.
                    int at = firstCommunities ? onlyMobility(c.values()) : -1;
                    firstCommunities = false;
                    if (at < 0) {
                        kept.add(a);
                    } else {
                        mobilityAt = at;
                        mobility = c.values().get(at).raw();
                        List<ExtendedCommunity> rest = new ArrayList<>(c.values());
                        rest.remove(at);
                        kept.add(new ExtendedCommunities(rest));
                    }
                }
                default -> kept.add(a);
            }
        }
        return new Split(new SharedAttributes(new PathAttributes(kept), mobilityAt), mobility);
    }

    /** The attributes of a route with this shared part and {@code mobility}: what {@link #split} took apart. */
    PathAttributes join(long mobility) {
        if (mobilityAt < 0) {
            return attributes;
        }
        List<PathAttribute> all = new ArrayList<>(attributes.all());
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof ExtendedCommunities c) {
                List<ExtendedCommunity> values = new ArrayList<>(c.values());
                values.add(mobilityAt, ExtendedCommunity.of(mobility));
                all.set(i, new ExtendedCommunities(values));
                break;
            }
        }
        return new PathAttributes(all);
    }

    private static int onlyMobility(List<ExtendedCommunity> values) {
        int at = -1;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof ExtendedCommunity.MacMobility) {
                if (at >= 0) {
                    return -1;
                }
                at = i;
            }
        }
        return at;
    }
}
