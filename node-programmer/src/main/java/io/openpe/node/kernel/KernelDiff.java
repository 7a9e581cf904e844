package io.openpe.node.kernel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordered changes that turn the actual kernel state into the desired one. Pure: it only compares values.
 *
 * <p>Order: every delete first, highest rank first (addresses before the links they sit on, links before the VRF), then
 * creates and modifications, lowest rank first (a link before its master assignment and its addresses). Inside a rank
 * the order is by id, so the same inputs always give the same list.
 */
public final class KernelDiff {

    private static final Comparator<KernelChange> DELETE_ORDER = Comparator
            .comparingInt((KernelChange c) -> -c.object().rank()).thenComparing(KernelChange::id);
    private static final Comparator<KernelChange> CONVERGE_ORDER = Comparator
            .comparingInt((KernelChange c) -> c.object().rank()).thenComparing(KernelChange::id);

    private KernelDiff() {
    }

    public static List<KernelChange> between(Collection<KernelObject> desired, KernelState actual) {
        Map<String, KernelObject> wanted = byId(desired);
        Map<String, KernelObject> present = byId(actual.objects());

        List<KernelChange> deletes = new ArrayList<>();
        List<KernelChange> converges = new ArrayList<>();
        Set<String> removedLinks = new HashSet<>();

        for (KernelObject want : wanted.values()) {
            KernelObject have = present.get(want.id());
            if (have == null) {
                converges.add(new KernelChange.Create(want));
            } else if (!have.satisfies(want)) {
                if (have.modifiableTo(want)) {
                    converges.add(new KernelChange.Modify(have, want));
                } else {
                    deletes.add(new KernelChange.Delete(have));
                    converges.add(new KernelChange.Create(want));
                    removedLinks.addAll(linksOf(have));
                }
            }
        }
        for (KernelObject have : present.values()) {
            if (!wanted.containsKey(have.id()) && !(have instanceof Sysctl)) {
                removedLinks.addAll(linksOf(have));
            }
        }
        for (KernelObject have : present.values()) {
            if (wanted.containsKey(have.id()) || have instanceof Sysctl || goesWithItsLink(have, removedLinks)) {
                continue;
            }
            deletes.add(new KernelChange.Delete(have));
        }
        // An address or master assignment that was in place goes with a link that is replaced: put it back.
        for (KernelObject want : wanted.values()) {
            KernelObject have = present.get(want.id());
            if (have != null && have.satisfies(want) && goesWithItsLink(want, removedLinks)) {
                converges.add(new KernelChange.Create(want));
            }
        }
        deletes.sort(DELETE_ORDER);
        converges.sort(CONVERGE_ORDER);
        List<KernelChange> changes = new ArrayList<>(deletes);
        changes.addAll(converges);
        return List.copyOf(changes);
    }

    /** The links an object is, as {@code side:name}: deleting the object deletes these links. */
    static Set<String> linksOf(KernelObject object) {
        return switch (object) {
            case Bridge b -> Set.of(key(b.side(), b.name()));
            case Vxlan v -> Set.of(key(Side.ROUTER, v.name()));
            case Vrf v -> Set.of(key(Side.ROUTER, v.name()));
            case Veth v -> Set.of(key(Side.ROUTER, v.routerName()), key(Side.HOST, v.hostName()));
            case StrayLink s -> Set.of(key(s.side(), s.name()));
            // A NIC going back to the host loses its router-side addresses and master with the move.
            case NicPlacement n -> Set.of(key(Side.ROUTER, n.name()));
            case Sysctl s -> Set.of();
            case Loopback l -> Set.of();
            case LinkMaster m -> Set.of();
            case Address a -> Set.of();
        };
    }

    /** Whether the kernel removes this object by itself when a link it hangs on is removed. */
    private static boolean goesWithItsLink(KernelObject object, Set<String> removedLinks) {
        return switch (object) {
            case Address a -> removedLinks.contains(key(a.side(), a.link()));
            case LinkMaster m -> removedLinks.contains(key(m.side(), m.link()))
                    || removedLinks.contains(key(m.side(), m.master()));
            default -> false;
        };
    }

    private static String key(Side side, String name) {
        return side + ":" + name;
    }

    private static Map<String, KernelObject> byId(Collection<KernelObject> objects) {
        Map<String, KernelObject> byId = new LinkedHashMap<>();
        for (KernelObject object : objects) {
            KernelObject previous = byId.putIfAbsent(object.id(), object);
            if (previous != null && !previous.equals(object)) {
                throw new IllegalArgumentException("two different states for " + object.id() + ": " + previous
                        + " and " + object);
            }
        }
        return byId;
    }
}
