package io.openpe.route.cluster;

import io.openpe.rules.IpAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cluster a BMP router belongs to, from the node plans (openpe.plans): a router is the node whose underlay
 * router id or VTEP address equals one of the router's addresses (its BMP session address, the BGP identifier of
 * its own OPEN). Safe to read while the plan consumer updates it.
 */
public final class RouterClusters {

    /** What one node plan says about a node's addresses. */
    public record PlannedNode(String cluster, String node, String routerId, String vtepIp) {
    }

    private final Map<String, PlannedNode> nodes = new ConcurrentHashMap<>();

    /** Records or replaces the plan of the node with Kafka key {@code planKey} ({@code <cluster>/<node>}). */
    public void planned(String planKey, PlannedNode node) {
        nodes.put(planKey, node);
    }

    /** Forgets the plan with {@code planKey} (a tombstone: the node left). */
    public void removed(String planKey) {
        nodes.remove(planKey);
    }

    /** Whether some node plan names {@code address} as its router id or VTEP (the BMP allowlist). */
    public boolean names(IpAddress address) {
        return nodes.values().stream().anyMatch(n -> address.equals(parsed(n.routerId()))
                || address.equals(parsed(n.vtepIp())));
    }

    private static IpAddress parsed(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The cluster of the node one of {@code addresses} belongs to. Should two plans claim an address (a plan moving
     * between clusters), the lowest plan key wins, so the answer does not depend on arrival order.
     */
    public Optional<String> clusterOf(Collection<String> addresses) {
        return nodes.entrySet().stream()
                .filter(e -> addresses.contains(e.getValue().routerId()) || addresses.contains(e.getValue().vtepIp()))
                .min(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(e -> e.getValue().cluster());
    }
}
