package io.openpe.intent.fleet;

import io.openpe.intent.model.Intents;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one cluster of the fleet runs: its intents after conflict resolution (the winners, as planned) and the
 * addresses of its planned nodes.
 */
public record ClusterView(String cluster, Intents intents, List<PlannedNode> nodes) {

    public ClusterView {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(intents, "intents");
        nodes = nodes.stream().sorted(Comparator.comparing(PlannedNode::node)).toList();
    }

    public static ClusterView empty(String cluster) {
        return new ClusterView(cluster, Intents.EMPTY, List.of());
    }
}
