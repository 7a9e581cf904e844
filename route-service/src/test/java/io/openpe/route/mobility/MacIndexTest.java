package io.openpe.route.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.route.publish.MacAdvertisements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The MAC index against RFC 7432 §15 cases, and against a full scan of every live route on random route streams
 * (the scan is written here from the rule's text: sticky first, highest sequence, lowest VTEP address).
 */
class MacIndexTest {

    private static final MacInVni MAC = new MacInVni(110, "aa:bb:cc:00:00:01");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MacIndex index = new MacIndex();

    private static MacAdvertisement route(String key, String vtep, long sequence, boolean sticky) {
        return new MacAdvertisement(key, MAC.vni(), MAC.mac(), vtep, sequence, sticky, "east", "r-" + key, "p");
    }

    @Test
    void twoVtepsAdvertisingTheMacWithTheSameSequenceAtOnceAreADuplicateUntilOneWithdraws() {
        index.advertised(route("a", "10.0.0.1", 3, false), T0);
        index.advertised(route("a2", "10.0.0.1", 3, false), T0);  // another router's copy: same VTEP
        assertFalse(index.current(MAC).orElseThrow().duplicate(), "copies of one VTEP's route are no duplicate");
        MacIndex.Move contested = index.advertised(route("b", "10.0.0.2", 3, false), T0.plusSeconds(1))
                .orElseThrow();
        assertTrue(contested.after().orElseThrow().duplicate());
        assertEquals("10.0.0.1", contested.after().orElseThrow().advertisement().vtep(), "the lowest VTEP still wins");
        assertEquals(T0, contested.after().orElseThrow().since(), "the MAC did not move");
        assertTrue(MacAdvertisements.toProto(index.current(MAC).orElseThrow()).getDuplicate());
        MacIndex.Move resolved = index.withdrawn("b", T0.plusSeconds(2)).orElseThrow();
        assertFalse(resolved.after().orElseThrow().duplicate());
        assertFalse(MacAdvertisements.toProto(index.current(MAC).orElseThrow()).getDuplicate());
    }

    @Test
    void aMoveIsNoDuplicateButTwoStickyVtepsAre() {
        index.advertised(route("a", "10.0.0.1", 3, false), T0);
        index.advertised(route("b", "10.0.0.2", 4, false), T0.plusSeconds(1));
        assertFalse(index.current(MAC).orElseThrow().duplicate(), "the old VTEP's lower sequence is a move");
        index.advertised(route("s1", "10.0.0.3", 0, true), T0.plusSeconds(2));
        assertFalse(index.current(MAC).orElseThrow().duplicate(), "one sticky VTEP wins over the others");
        index.advertised(route("s2", "10.0.0.4", 7, true), T0.plusSeconds(3));
        assertTrue(index.current(MAC).orElseThrow().duplicate(), "a static MAC on two VTEPs (RFC 7432 §15.2)");
    }

    @Test
    void aMoveWithAHigherSequenceTakesTheMacAndTheOldRouteLingeringDoesNotMatter() {
        index.advertised(route("a", "10.0.0.1", 0, false), T0);
        MacIndex.Move move = index.advertised(route("b", "10.0.0.2", 1, false), T0.plusSeconds(5))
                .orElseThrow();
        assertEquals("10.0.0.1", move.before().orElseThrow().advertisement().vtep());
        assertEquals("10.0.0.2", move.after().orElseThrow().advertisement().vtep());
        assertEquals(T0.plusSeconds(5), move.after().get().since());
        // The old VTEP withdraws: the answer does not change, so no move.
        assertEquals(Optional.empty(), index.withdrawn("a", T0.plusSeconds(6)));
        assertEquals("10.0.0.2", index.current(MAC).orElseThrow().advertisement().vtep());
    }

    @Test
    void equalSequencesGoToTheLowestVtepAddressNumerically() {
        // RFC 7432 §15.1: lowest IP address; "10.0.0.10" sorts before "10.0.0.9" as text, not as an address.
        index.advertised(route("a", "10.0.0.10", 4, false), T0);
        index.advertised(route("b", "10.0.0.9", 4, false), T0);
        assertEquals("10.0.0.9", index.current(MAC).orElseThrow().advertisement().vtep());
        index.advertised(route("c", "2001:db8::1", 4, false), T0);
        assertEquals("10.0.0.9", index.current(MAC).orElseThrow().advertisement().vtep(), "IPv4 before IPv6");
    }

    @Test
    void aStickyMacIsNotMovedByAHigherSequence() {
        // RFC 7432 §15.2; FRR 8.4 bgp_path_info_cmp prefers the sticky path before comparing sequences.
        index.advertised(route("a", "10.0.0.1", 0, true), T0);
        assertEquals(Optional.empty(), index.advertised(route("b", "10.0.0.2", 7, false), T0));
        assertTrue(index.current(MAC).orElseThrow().advertisement().sticky());
    }

    @Test
    void sequencesCompareUnsigned() {
        index.advertised(route("a", "10.0.0.1", 0xffff_fffeL, false), T0);
        index.advertised(route("b", "10.0.0.2", 3, false), T0);
        assertEquals("10.0.0.1", index.current(MAC).orElseThrow().advertisement().vtep());
    }

    @Test
    void theLowestRouteKeyAmongCopiesIsReportedAndSinceStaysWhenOnlyTheReporterChanges() {
        index.advertised(route("b-copy", "10.0.0.2", 1, false), T0);
        MacIndex.Move reporter = index.advertised(route("a-copy", "10.0.0.2", 1, false), T0.plusSeconds(1))
                .orElseThrow();
        assertEquals("r-a-copy", reporter.after().orElseThrow().advertisement().router());
        assertEquals(T0, reporter.after().get().since(), "the MAC did not move");
    }

    @Test
    void theLastWithdrawalLeavesNoLocationAndNothingBehind() {
        index.advertised(route("a", "10.0.0.1", 0, false), T0);
        MacIndex.Move gone = index.withdrawn("a", T0).orElseThrow();
        assertTrue(gone.after().isEmpty());
        assertEquals(0, index.macs());
        assertEquals(0, index.routes());
        assertEquals(Optional.empty(), index.withdrawn("a", T0), "a repeated withdrawal changes nothing");
    }

    /**
     * Random streams of announcements, replacements and withdrawals over a few MACs, VTEPs, sequences and route keys:
     * after every operation the index's answer equals a scan of every live route, and a move is reported exactly when
     * that answer changed.
     */
    @Test
    void agreesWithAFullScanOnRandomRouteStreams() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            MacIndex under = new MacIndex();
            Map<String, MacAdvertisement> live = new HashMap<>();
            List<String> keys = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7");
            List<String> vteps = List.of("10.0.0.1", "10.0.0.2", "10.0.0.10", "10.0.1.1", "2001:db8::1");
            List<String> macs = List.of("aa:bb:cc:00:00:01", "aa:bb:cc:00:00:02");
            Map<String, String> macOfKey = new HashMap<>();
            for (int op = 0; op < 300; op++) {
                String key = keys.get(random.nextInt(keys.size()));
                // A key is one NLRI: its MAC never changes.
                String mac = macOfKey.computeIfAbsent(key, k -> macs.get(random.nextInt(macs.size())));
                MacInVni target = new MacInVni(110, mac);
                Optional<MacAdvertisement> before = scan(live, target);
                boolean duplicateBefore = scanDuplicate(live, target);
                Optional<MacIndex.Move> move;
                if (random.nextInt(3) == 0) {
                    live.remove(key);
                    move = under.withdrawn(key, T0.plusSeconds(op));
                } else {
                    var advertisement = new MacAdvertisement(key, 110, mac, vteps.get(random.nextInt(vteps.size())),
                            random.nextInt(4), random.nextInt(10) == 0, "c" + random.nextInt(2), "r-" + key,
                            "p" + random.nextInt(2));
                    live.put(key, advertisement);
                    move = under.advertised(advertisement, T0.plusSeconds(op));
                }
                Optional<MacAdvertisement> after = scan(live, target);
                String context = "seed " + seed + ", operation " + op;
                assertEquals(after, under.current(target).map(MacIndex.Location::advertisement), context);
                boolean duplicateAfter = scanDuplicate(live, target);
                assertEquals(duplicateAfter, under.current(target).map(MacIndex.Location::duplicate).orElse(false),
                        context);
                assertEquals(!answer(before).equals(answer(after)) || duplicateBefore != duplicateAfter,
                        move.isPresent(), context);
                move.ifPresent(m -> assertEquals(after, m.after().map(MacIndex.Location::advertisement), context));
                for (String other : macs) {
                    MacInVni o = new MacInVni(110, other);
                    assertEquals(scan(live, o), under.current(o).map(MacIndex.Location::advertisement), context);
                }
            }
            assertEquals(live.size(), under.routes());
        }
    }

    /** The rule written out as a scan of every live route. */
    private static Optional<MacAdvertisement> scan(Map<String, MacAdvertisement> live, MacInVni mac) {
        List<MacAdvertisement> candidates = new ArrayList<>();
        for (MacAdvertisement a : live.values()) {
            if (a.vni() == mac.vni() && a.mac().equals(mac.mac())) {
                candidates.add(a);
            }
        }
        if (candidates.stream().anyMatch(MacAdvertisement::sticky)) {
            candidates.removeIf(a -> !a.sticky());
        }
        long highest = candidates.stream().mapToLong(MacAdvertisement::sequence).max().orElse(-1);
        candidates.removeIf(a -> a.sequence() != highest);
        String lowest = candidates.stream().map(MacAdvertisement::vtep).min(MacIndexTest::byAddress).orElse("");
        candidates.removeIf(a -> !a.vtep().equals(lowest));
        return candidates.stream().min((a, b) -> a.routeKey().compareTo(b.routeKey()));
    }

    /** The duplicate rule as a scan: another VTEP with the current route's sequence, or sticky when it is. */
    private static boolean scanDuplicate(Map<String, MacAdvertisement> live, MacInVni mac) {
        Optional<MacAdvertisement> best = scan(live, mac);
        if (best.isEmpty()) {
            return false;
        }
        MacAdvertisement b = best.get();
        return live.values().stream().anyMatch(a -> a.vni() == mac.vni() && a.mac().equals(mac.mac())
                && !a.vtep().equals(b.vtep()) && (a.sequence() == b.sequence() || (a.sticky() && b.sticky())));
    }

    /** IPv4 dotted quads as numbers, before any IPv6 address (the only one in these streams is 2001:db8::1). */
    private static int byAddress(String a, String b) {
        return Long.compare(addressValue(a), addressValue(b));
    }

    private static long addressValue(String address) {
        if (address.contains(":")) {
            return Long.MAX_VALUE;
        }
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = value * 256 + Integer.parseInt(octet);
        }
        return value;
    }

    /** What a reader of the location sees. */
    private static Optional<List<Object>> answer(Optional<MacAdvertisement> a) {
        return a.map(x -> List.of(x.vtep(), x.sequence(), x.sticky(), x.cluster(), x.router(), x.peer()));
    }
}
