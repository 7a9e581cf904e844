package io.openpe.route.bgp;

import io.openpe.route.wire.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The path attributes of one UPDATE, in the order sent, with typed look-ups. */
public record PathAttributes(List<PathAttribute> all) {

    public static final PathAttributes NONE = new PathAttributes(List.of());

    public PathAttributes {
        all = List.copyOf(all);
    }

    private <T extends PathAttribute> Optional<T> first(Class<T> type) {
        for (PathAttribute a : all) {
            if (type.isInstance(a)) {
                return Optional.of(type.cast(a));
            }
        }
        return Optional.empty();
    }

    public Optional<Origin> origin() {
        return first(Origin.class);
    }

    public Optional<AsPath> asPath() {
        return first(AsPath.class);
    }

    public Optional<As4Path> as4Path() {
        return first(As4Path.class);
    }

    public Optional<NextHop> nextHop() {
        return first(NextHop.class);
    }

    /**
     * The next hop of routes of {@code afiSafi}: MP_REACH_NLRI's when it is for that family, NEXT_HOP for IPv4 unicast
     * (RFC 4760 §3, RFC 4271 §5.1.3).
     */
    public Optional<IpAddress> nextHop(AfiSafi afiSafi) {
        Optional<MpReach> mp = mpReach();
        if (mp.isPresent() && mp.get().afiSafi().equals(afiSafi)) {
            return Optional.of(mp.get().nextHop());
        }
        if (afiSafi.equals(AfiSafi.IPV4_UNICAST)) {
            return nextHop().map(NextHop::address);
        }
        return Optional.empty();
    }

    public Optional<MultiExitDisc> med() {
        return first(MultiExitDisc.class);
    }

    public Optional<LocalPref> localPref() {
        return first(LocalPref.class);
    }

    public Optional<Communities> communities() {
        return first(Communities.class);
    }

    public Optional<MpReach> mpReach() {
        return first(MpReach.class);
    }

    public Optional<MpUnreach> mpUnreach() {
        return first(MpUnreach.class);
    }

    public Optional<PmsiTunnel> pmsiTunnel() {
        return first(PmsiTunnel.class);
    }

    /** Every extended community, empty when the attribute is absent. */
    public List<ExtendedCommunity> extendedCommunities() {
        return first(ExtendedCommunities.class).map(ExtendedCommunities::values).orElse(List.of());
    }

    /** The extended communities of one kind, in order. */
    public <T extends ExtendedCommunity> List<T> extendedCommunities(Class<T> kind) {
        List<T> out = new ArrayList<>(2);
        for (ExtendedCommunity c : extendedCommunities()) {
            if (kind.isInstance(c)) {
                out.add(kind.cast(c));
            }
        }
        return out;
    }

    /** How many attributes were kept raw. */
    public int unknownCount() {
        int n = 0;
        for (PathAttribute a : all) {
            if (a instanceof RawAttribute) {
                n++;
            }
        }
        return n;
    }

    /** Attributes kept raw because we do not model them. */
    public List<RawAttribute> unknown() {
        return all.stream().filter(RawAttribute.class::isInstance).map(RawAttribute.class::cast).toList();
    }

    /**
     * The AS path with AS4_PATH merged in (RFC 6793 §4.2.3): when AS_PATH is at least as long as AS4_PATH, the leading
     * AS_PATH entries beyond the AS4_PATH length are kept and AS4_PATH follows; otherwise AS4_PATH is ignored.
     */
    public AsPath effectiveAsPath() {
        AsPath path = asPath().orElse(AsPath.EMPTY);
        Optional<As4Path> as4 = as4Path();
        if (as4.isEmpty()) {
            return path;
        }
        AsPath four = new AsPath(as4.get().segments());
        int keep = path.pathLength() - four.pathLength();
        if (keep < 0) {
            return path;
        }
        List<AsPathSegment> merged = new ArrayList<>();
        for (AsPathSegment s : path.segments()) {
            if (keep <= 0) {
                break;
            }
            if (s.pathLength() <= keep) {
                merged.add(s);
                keep -= s.pathLength();
            } else {
                int[] head = java.util.Arrays.copyOf(s.raw(), keep);
                merged.add(new AsPathSegment(s.type(), head));
                keep = 0;
            }
        }
        merged.addAll(four.segments());
        return new AsPath(merged);
    }

    /**
     * The attributes a stored route needs: MP_UNREACH dropped and MP_REACH without its NLRI list (its next hop stays),
     * so a stored route does not keep every other route of its UPDATE alive.
     */
    public PathAttributes withoutNlri() {
        List<PathAttribute> kept = new ArrayList<>(all.size());
        for (PathAttribute a : all) {
            switch (a) {
                case MpUnreach _ -> { }
                case MpReach r -> kept.add(new MpReach(r.afiSafi(), r.nextHop(), r.linkLocalNextHop(), List.of()));
                default -> kept.add(a);
            }
        }
        return new PathAttributes(kept);
    }
}
