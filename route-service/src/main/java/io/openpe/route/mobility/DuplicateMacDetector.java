package io.openpe.route.mobility;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Detects a MAC advertised from two VTEPs without a MAC mobility sequence increase (RFC 7432 §15; DESIGN §6). A move
 * is legitimate: the new VTEP advertises a sequence higher than every other VTEP's, and the old one withdraws. So an
 * advertisement from VTEP X with sequence s is a duplicate when another VTEP still advertises the same MAC in the
 * same VNI with a sequence of at least s; a sticky MAC claimed by a second VTEP is a duplicate at any sequence
 * (RFC 7432 §15.2: a static MAC must not move).
 *
 * <p>Every router, peer and RIB view reports its own copy of a route, so one duplication is seen many times: it is
 * reported once per set of VTEPs involved, and again only after it has been resolved (one VTEP left) or the set has
 * changed. Not thread-safe: the caller serialises calls.
 */
public final class DuplicateMacDetector {

    private record MacInVni(int vni, String mac) {
    }

    /** Live type-2 routes per MAC, by route key. */
    private final Map<MacInVni, Map<String, MacAdvertisement>> live = new HashMap<>();
    /** Which MAC each live route key advertises, so a withdrawal (a key only) finds its MAC. */
    private final Map<String, MacInVni> macOfRoute = new HashMap<>();
    /** The VTEP sets already reported per MAC. */
    private final Map<MacInVni, Set<String>> reported = new HashMap<>();

    /** Records {@code advertisement} (new or replacing the route with the same key); a duplicate it reveals. */
    public Optional<DuplicateMac> advertised(MacAdvertisement advertisement) {
        MacInVni mac = new MacInVni(advertisement.vni(), advertisement.mac());
        Map<String, MacAdvertisement> routes = live.computeIfAbsent(mac, m -> new HashMap<>());
        routes.put(advertisement.routeKey(), advertisement);
        macOfRoute.put(advertisement.routeKey(), mac);
        boolean contested = false;
        for (MacAdvertisement other : routes.values()) {
            if (!other.vtep().equals(advertisement.vtep())
                    && (other.sequence() >= advertisement.sequence() || other.sticky())) {
                contested = true;
                break;
            }
        }
        if (!contested) {
            if (vteps(routes).size() == 1) {
                reported.remove(mac);
            }
            return Optional.empty();
        }
        List<MacAdvertisement> claims = strongestClaims(routes);
        Set<String> vteps = vteps(routes);
        if (vteps.equals(reported.get(mac))) {
            return Optional.empty();
        }
        reported.put(mac, vteps);
        return Optional.of(new DuplicateMac(mac.vni(), mac.mac(), claims, advertisement));
    }

    /** Forgets the route with {@code routeKey} (withdrawn), if it was a type-2 route this detector had seen. */
    public void withdrawn(String routeKey) {
        MacInVni key = macOfRoute.remove(routeKey);
        if (key == null) {
            return;
        }
        Map<String, MacAdvertisement> routes = live.get(key);
        routes.remove(routeKey);
        if (routes.isEmpty()) {
            live.remove(key);
        }
        if (vteps(routes).size() <= 1) {
            reported.remove(key);
        }
    }

    /** The number of MACs with at least one live route (for tests and sizing). */
    public int macs() {
        return live.size();
    }

    private static Set<String> vteps(Map<String, MacAdvertisement> routes) {
        Set<String> vteps = new TreeSet<>();
        for (MacAdvertisement a : routes.values()) {
            vteps.add(a.vtep());
        }
        return vteps;
    }

    private static List<MacAdvertisement> strongestClaims(Map<String, MacAdvertisement> routes) {
        Map<String, MacAdvertisement> best = new HashMap<>();
        for (MacAdvertisement a : routes.values()) {
            best.merge(a.vtep(), a, (x, y) -> y.sequence() > x.sequence()
                    || (y.sequence() == x.sequence() && y.routeKey().compareTo(x.routeKey()) < 0) ? y : x);
        }
        List<MacAdvertisement> claims = new ArrayList<>(best.values());
        claims.sort(Comparator.comparing(MacAdvertisement::vtep));
        return claims;
    }
}
