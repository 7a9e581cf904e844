package io.openpe.route.mobility;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where every MAC is, per VNI, kept from the type-2 route records as they are published (so a lookup reads one MAC's
 * routes, never the RIB). A MAC's <em>current</em> advertisement is chosen the way a PE chooses among MAC/IP routes
 * (RFC 7432 §15, and FRR 8.4's {@code bgp_path_info_cmp} for EVPN):
 * <ol>
 *   <li>a sticky (static) advertisement wins over a non-sticky one (§15.2: a static MAC must not move; FRR prefers
 *       the sticky path too);</li>
 *   <li>then the highest MAC mobility sequence, unsigned, absent = 0 (§15: a move is advertised with a higher
 *       sequence);</li>
 *   <li>then the lowest VTEP address (§15.1: equal sequences, the lowest PE IP wins), numerically, IPv4 before
 *       IPv6;</li>
 *   <li>among the copies of that one advertisement (every router, peer and view reports its own), the lowest route
 *       key, so the answer does not depend on arrival order. (No copy is the VTEP's own router's: route-service keeps
 *       a router's own routes, FRR's peer 0.0.0.0, off the RIB, {@code PostPolicyResync#observe}.)</li>
 * </ol>
 * Not thread-safe: the caller serialises calls.
 */
public final class MacIndex {

    /**
     * A MAC's current advertisement, since when it has been (the time of the change that made it so), and whether it
     * is {@link #contested contested} by another VTEP.
     */
    public record Location(MacAdvertisement advertisement, Instant since, boolean duplicate) {
    }

    /** The current location of a MAC changed; {@code after} is empty when no route advertises the MAC any more. */
    public record Move(MacInVni mac, Optional<Location> before, Optional<Location> after) {
    }

    /** Best first. */
    static final Comparator<MacAdvertisement> PREFERENCE = Comparator
            .comparing((MacAdvertisement a) -> !a.sticky())
            .thenComparing(MacAdvertisement::sequence, Comparator.reverseOrder())
            .thenComparing(a -> vtepOrder(a.vtep()), MacIndex::compareAddresses)
            .thenComparing(MacAdvertisement::routeKey);

    private static final byte[] UNPARSEABLE = new byte[17];

    private static final class Entry {
        final Map<String, MacAdvertisement> routes = new HashMap<>();
        Location current;
    }

    private final Map<MacInVni, Entry> macs = new HashMap<>();
    private final Map<String, MacInVni> macOfRoute = new HashMap<>();
    private int routes;

    /** The current location of {@code mac}, if any route advertises it. */
    public Optional<Location> current(MacInVni mac) {
        Entry entry = macs.get(mac);
        return entry == null ? Optional.empty() : Optional.of(entry.current);
    }

    /** Every live advertisement of {@code mac}, best first. */
    public List<MacAdvertisement> advertisements(MacInVni mac) {
        Entry entry = macs.get(mac);
        return entry == null ? List.of() : entry.routes.values().stream().sorted(PREFERENCE).toList();
    }

    /** Records {@code advertisement} (new, or replacing the route with its key); the move it causes, if any. */
    public Optional<Move> advertised(MacAdvertisement advertisement, Instant at) {
        MacInVni mac = advertisement.macInVni();
        MacInVni previous = macOfRoute.put(advertisement.routeKey(), mac);
        if (previous != null && !previous.equals(mac)) {
            // A route key names one NLRI, and the MAC is part of it: this cannot happen, but must not leak.
            remove(advertisement.routeKey(), previous, at);
        }
        Entry entry = macs.computeIfAbsent(mac, m -> new Entry());
        if (entry.routes.put(advertisement.routeKey(), advertisement) == null) {
            routes++;
        }
        return reselect(mac, entry, at);
    }

    /** Forgets the route with {@code routeKey} (withdrawn), if it was a type-2 route; the move it causes, if any. */
    public Optional<Move> withdrawn(String routeKey, Instant at) {
        MacInVni mac = macOfRoute.remove(routeKey);
        return mac == null ? Optional.empty() : remove(routeKey, mac, at);
    }

    /** The number of MACs with at least one live route. */
    public int macs() {
        return macs.size();
    }

    /** The number of live type-2 routes indexed. */
    public int routes() {
        return routes;
    }

    private Optional<Move> remove(String routeKey, MacInVni mac, Instant at) {
        Entry entry = macs.get(mac);
        if (entry.routes.remove(routeKey) != null) {
            routes--;
        }
        if (entry.routes.isEmpty()) {
            macs.remove(mac);
            return Optional.of(new Move(mac, Optional.of(entry.current), Optional.empty()));
        }
        return reselect(mac, entry, at);
    }

    private static Optional<Move> reselect(MacInVni mac, Entry entry, Instant at) {
        MacAdvertisement best = entry.routes.values().stream().min(PREFERENCE).orElseThrow();
        boolean duplicate = contested(best, entry.routes.values());
        Location before = entry.current;
        if (before != null && sameAnswer(before.advertisement(), best) && before.duplicate() == duplicate) {
            // Another copy of the same answer (or the same route re-sent): nothing changed for a reader.
            entry.current = new Location(best, before.since(), duplicate);
            return Optional.empty();
        }
        // Reported by another router or peer, the MAC is still where it was: "since" stays.
        Instant since = before != null && samePlace(before.advertisement(), best) ? before.since() : at;
        entry.current = new Location(best, since, duplicate);
        return Optional.of(new Move(mac, Optional.ofNullable(before), Optional.of(entry.current)));
    }

    /**
     * Whether another VTEP advertises the MAC as strongly as {@code best}: with the same MAC mobility sequence (a move
     * raises it, RFC 7432 §15, so two VTEPs at one sequence at once are one MAC in two places, e.g. a VM running on
     * both sides of a migration or a cloned MAC), or sticky as well (§15.2: a static MAC on two PEs). A VTEP with a
     * lower sequence is the old place of a move whose withdrawal has not arrived yet, not a duplicate.
     */
    static boolean contested(MacAdvertisement best, Collection<MacAdvertisement> routes) {
        for (MacAdvertisement other : routes) {
            if (!other.vtep().equals(best.vtep())
                    && (other.sequence() == best.sequence() || (best.sticky() && other.sticky()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether two advertisements put the MAC in the same place: VTEP, sequence, sticky flag. */
    static boolean samePlace(MacAdvertisement a, MacAdvertisement b) {
        return a.vtep().equals(b.vtep()) && a.sequence() == b.sequence() && a.sticky() == b.sticky();
    }

    /** Whether two advertisements give the same answer to "where is this MAC" (everything LocateMac reports). */
    static boolean sameAnswer(MacAdvertisement a, MacAdvertisement b) {
        return samePlace(a, b) && a.cluster().equals(b.cluster()) && a.router().equals(b.router())
                && a.peer().equals(b.peer());
    }

    /** The VTEP's address bytes (4 for IPv4, 16 for IPv6); an unparseable one sorts after every address. */
    private static byte[] vtepOrder(String vtep) {
        try {
            // ofLiteral never resolves a name: a malformed string is an error, not a DNS lookup.
            return InetAddress.ofLiteral(vtep).getAddress();
        } catch (IllegalArgumentException e) {
            return UNPARSEABLE;
        }
    }

    private static int compareAddresses(byte[] a, byte[] b) {
        return a.length != b.length ? Integer.compare(a.length, b.length) : Arrays.compareUnsigned(a, b);
    }
}
