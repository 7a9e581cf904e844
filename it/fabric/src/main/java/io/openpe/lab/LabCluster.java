package io.openpe.lab;

import io.openpe.lab.layout.ClusterLayout;
import io.openpe.lab.layout.ClusterSpec;
import java.util.List;

/** One cluster of a running fabric: its leaf and its nodes in index order. */
public final class LabCluster {

    private final ClusterLayout layout;
    private final List<LabNode> nodes;

    LabCluster(ClusterLayout layout, List<LabNode> nodes) {
        this.layout = layout;
        this.nodes = List.copyOf(nodes);
    }

    public String name() {
        return layout.name();
    }

    /** AS numbers, leaf address and the VTEP and router-id ranges, as the cluster's Underlay must name them. */
    public ClusterSpec spec() {
        return layout.spec();
    }

    public ClusterLayout layout() {
        return layout;
    }

    public List<LabNode> nodes() {
        return nodes;
    }

    public LabNode node(int index) {
        return nodes.get(index);
    }

    /** vtysh against the leaf's FRR. */
    public CommandResult leafVtysh(String... commands) {
        return FrrDaemons.vtysh(layout.leafNetns(), layout.leafFrrDirectory(), commands);
    }

    @Override
    public String toString() {
        return name();
    }
}
