package io.openpe.route.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
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
}
