package io.openpe.route.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentChangesTest {

    private static Outbound tombstone(String key) {
        return new Outbound("openpe.evpn-routes", key, null);
    }

    @Test
    void recordsAfterATokenComeBackInOrderWhileStillKept() {
        RecentChanges log = new RecentChanges(3);
        assertEquals(List.of(1L, 2L), log.append(List.of(tombstone("a"), tombstone("b"))).stream()
                .map(RecentChanges.Sequenced::sequence).toList());
        log.append(List.of(tombstone("c")));
        assertEquals(3, log.last());
        assertEquals(List.of("b", "c"), log.after(1).orElseThrow().stream().map(s -> s.record().key()).toList());
        assertEquals(List.of("a", "b", "c"), log.after(0).orElseThrow().stream().map(s -> s.record().key()).toList());
        assertEquals(List.of(), log.after(3).orElseThrow());
    }

    @Test
    void aTokenWhoseNextRecordWasEvictedOrNotYetReachedCannotResume() {
        RecentChanges log = new RecentChanges(3);
        log.append(List.of(tombstone("a"), tombstone("b"), tombstone("c"), tombstone("d")));
        // Capacity 3 keeps 2..4: after 0 would need record 1.
        assertTrue(log.after(0).isEmpty());
        assertEquals(List.of("b", "c", "d"), log.after(1).orElseThrow().stream().map(s -> s.record().key()).toList());
        assertTrue(log.after(5).isEmpty(), "a token from the future (another instance) cannot resume");
        assertTrue(log.after(-1).isEmpty());
    }
}
