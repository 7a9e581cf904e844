package io.openpe.node.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.StatusSink;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes {@link HostBridgeCapacity} into the Node's status (capacity and allocatable) after each enacted pass. Reads
 * first and writes only when the host bridges changed, so the resync timer does not turn into API server load.
 */
public final class NodeCapacity implements StatusSink {

    private final KubernetesClient client;
    private final String node;

    public NodeCapacity(KubernetesClient client, String node) {
        this.client = client;
        this.node = node;
    }

    @Override
    public void report(Convergence convergence) {
        convergence.enactment().ifPresent(e -> advertise(HostBridgeCapacity.hostBridgesOf(e.results())));
    }

    /** Capacity follows what the node runs, which a refused plan does not change. */
    @Override
    public void refusedBeforeAnyPlan(PlanRefusal refusal) {
    }

    void advertise(TreeSet<String> bridges) {
        Node current = client.nodes().withName(node).get();
        if (current == null) {
            throw new IllegalStateException("node " + node + " not found on the API server");
        }
        Map<String, String> capacity = amounts(current.getStatus() == null ? null : current.getStatus().getCapacity());
        Map<String, String> allocatable = amounts(
                current.getStatus() == null ? null : current.getStatus().getAllocatable());
        Map<String, String> nextCapacity = HostBridgeCapacity.capacityWith(capacity, bridges);
        Map<String, String> nextAllocatable = HostBridgeCapacity.capacityWith(allocatable, bridges);
        if (nextCapacity.equals(capacity) && nextAllocatable.equals(allocatable)) {
            return;
        }
        client.nodes().withName(node).editStatus(n -> {
            if (n.getStatus() == null) {
                n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
            }
            n.getStatus().setCapacity(quantities(nextCapacity));
            n.getStatus().setAllocatable(quantities(nextAllocatable));
            return n;
        });
    }

    private static Map<String, String> amounts(Map<String, Quantity> quantities) {
        Map<String, String> amounts = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((k, v) -> amounts.put(k, v.toString()));
        }
        return amounts;
    }

    private static Map<String, Quantity> quantities(Map<String, String> amounts) {
        Map<String, Quantity> quantities = new TreeMap<>();
        amounts.forEach((k, v) -> quantities.put(k, new Quantity(v)));
        return quantities;
    }
}
