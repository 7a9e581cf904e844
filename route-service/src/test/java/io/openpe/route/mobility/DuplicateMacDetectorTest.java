package io.openpe.route.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 7432 §15 MAC mobility: moves with a higher sequence are fine; equal or lower sequences from a second VTEP are not. */
class DuplicateMacDetectorTest {

    private final DuplicateMacDetector detector = new DuplicateMacDetector();

    private static MacAdvertisement route(String key, String vtep, long sequence) {
        return new MacAdvertisement(key, 110, "aa:bb:cc:00:00:01", vtep, sequence, false, "east", "10.0.0.9",
                "10.0.0.8");
    }

    @Test
    void sameMacFromTwoVtepsWithoutSequenceIsADuplicate() {
        assertEquals(Optional.empty(), detector.advertised(route("k1", "10.0.0.1", 0)));
        DuplicateMac duplicate = detector.advertised(route("k2", "10.0.0.2", 0)).orElseThrow();
        assertEquals(110, duplicate.vni());
        assertEquals("aa:bb:cc:00:00:01", duplicate.mac());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), duplicate.claims().stream().map(MacAdvertisement::vtep).toList());
        assertEquals("k2", duplicate.reporter().routeKey());
    }

    @Test
    void aMoveWithAHigherSequenceIsNotADuplicate() {
        detector.advertised(route("k1", "10.0.0.1", 0));
        assertEquals(Optional.empty(), detector.advertised(route("k2", "10.0.0.2", 1)));
        detector.withdrawn("k1");
        // The MAC moves back with sequence 2: again a move.
        assertEquals(Optional.empty(), detector.advertised(route("k1", "10.0.0.1", 2)));
    }

    @Test
    void aLowerSequenceFromAnotherVtepIsADuplicate() {
        detector.advertised(route("k1", "10.0.0.1", 5));
        assertTrue(detector.advertised(route("k2", "10.0.0.2", 4)).isPresent());
    }

    @Test
    void theSameRouteSeenFromManyViewsOfOneVtepIsNotADuplicate() {
        detector.advertised(route("router-a/pre", "10.0.0.1", 3));
        assertEquals(Optional.empty(), detector.advertised(route("router-a/post", "10.0.0.1", 3)));
        assertEquals(Optional.empty(), detector.advertised(route("router-b/loc", "10.0.0.1", 3)));
    }

    @Test
    void oneDuplicationIsReportedOnceUntilResolvedThenAgain() {
        detector.advertised(route("a/k1", "10.0.0.1", 0));
        assertTrue(detector.advertised(route("a/k2", "10.0.0.2", 0)).isPresent());
        // The same claim seen through another router's view: same VTEP set, not reported again.
        assertEquals(Optional.empty(), detector.advertised(route("b/k2", "10.0.0.2", 0)));
        // A third VTEP joins: a new set, reported.
        assertEquals(3, detector.advertised(route("a/k3", "10.0.0.3", 0)).orElseThrow().claims().size());
        detector.withdrawn("a/k2");
        detector.withdrawn("b/k2");
        detector.withdrawn("a/k3");
        // Resolved (one VTEP left); a new conflict is a new event.
        assertTrue(detector.advertised(route("a/k2", "10.0.0.2", 0)).isPresent());
    }

    @Test
    void aStickyMacClaimedElsewhereIsADuplicateEvenWithAHigherSequence() {
        detector.advertised(new MacAdvertisement("k1", 110, "aa:bb:cc:00:00:01", "10.0.0.1", 0, true, "east", "r",
                "p"));
        assertTrue(detector.advertised(route("k2", "10.0.0.2", 7)).isPresent());
    }

    @Test
    void otherVnisAndMacsAreIndependentAndWithdrawnRoutesAreForgotten() {
        detector.advertised(route("k1", "10.0.0.1", 0));
        assertEquals(Optional.empty(), detector.advertised(
                new MacAdvertisement("k2", 111, "aa:bb:cc:00:00:01", "10.0.0.2", 0, false, "east", "r", "p")));
        assertEquals(Optional.empty(), detector.advertised(
                new MacAdvertisement("k3", 110, "aa:bb:cc:00:00:02", "10.0.0.2", 0, false, "east", "r", "p")));
        detector.withdrawn("k1");
        detector.withdrawn("k2");
        detector.withdrawn("k3");
        assertEquals(0, detector.macs());
    }
}
