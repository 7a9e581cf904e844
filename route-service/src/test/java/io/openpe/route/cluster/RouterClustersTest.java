package io.openpe.route.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterClustersTest {

    private final RouterClusters clusters = new RouterClusters();

    @Test
    void aRouterMapsToThePlannedNodeWithItsRouterIdOrVtep() {
        clusters.planned("east/node-1", new RouterClusters.PlannedNode("east", "node-1", "10.255.0.1", "10.0.0.1"));
        clusters.planned("west/node-1", new RouterClusters.PlannedNode("west", "node-1", "10.255.1.1", "10.1.0.1"));
        assertEquals(Optional.of("east"), clusters.clusterOf(List.of("10.255.0.1")));
        assertEquals(Optional.of("west"), clusters.clusterOf(List.of("192.0.2.1", "10.1.0.1")));
        assertEquals(Optional.empty(), clusters.clusterOf(List.of("192.0.2.1")));
    }

    @Test
    void aRemovedPlanNoLongerMapsAndAClaimedTwiceAddressGoesToTheLowestKey() {
        clusters.planned("west/node-9", new RouterClusters.PlannedNode("west", "node-9", "10.255.0.9", "10.0.0.9"));
        clusters.planned("east/node-9", new RouterClusters.PlannedNode("east", "node-9", "10.255.0.9", "10.0.0.9"));
        assertEquals(Optional.of("east"), clusters.clusterOf(List.of("10.0.0.9")));
        clusters.removed("east/node-9");
        assertEquals(Optional.of("west"), clusters.clusterOf(List.of("10.0.0.9")));
        clusters.removed("west/node-9");
        assertEquals(Optional.empty(), clusters.clusterOf(List.of("10.0.0.9")));
    }

    @Test
    void sameNodeAnswersForTheOtherAddressOfThePlanThatNamesAKnownOne() {
        clusters.planned("a/a0", new RouterClusters.PlannedNode("a", "a0", "10.0.0.1", "100.65.0.1"));
        clusters.planned("a/a1", new RouterClusters.PlannedNode("a", "a1", "10.0.0.2", "100.65.0.2"));
        assertTrue(clusters.sameNode(Set.of("172.31.0.6", "10.0.0.1"), "100.65.0.1"));
        assertFalse(clusters.sameNode(Set.of("172.31.0.6", "10.0.0.1"), "100.65.0.2"), "the sibling's VTEP");
        assertFalse(clusters.sameNode(Set.of("172.31.0.6"), "100.65.0.1"), "no known address names a plan");
        clusters.planned("a/a0", new RouterClusters.PlannedNode("a", "a0", "10.0.0.1", "100.65.0.9"));
        assertFalse(clusters.sameNode(Set.of("10.0.0.1"), "100.65.0.1"), "the replaced plan's VTEP");
        assertTrue(clusters.sameNode(Set.of("10.0.0.1"), "100.65.0.9"));
        clusters.removed("a/a0");
        assertFalse(clusters.sameNode(Set.of("10.0.0.1"), "100.65.0.9"));
    }
}
