package io.openpe.route.cluster;

import io.openpe.rules.IpAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
    /** Plan keys by router id and VTEP, so the per-route question {@link #sameNode} needs no scan. */
    private final Map<String, Set<String>> plansByAddress = new ConcurrentHashMap<>();

    /**
     * Told, after a plan was recorded, replaced or forgotten, the router ids and VTEPs it named before and after: the
     * routers known by one of them hold routes decided under the old plans.
     */
    private final List<Consumer<Set<String>>> replanned = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} with the addresses of every plan that changes from now on (on the plan reader). */
    public void onReplanned(Consumer<Set<String>> listener) {
        replanned.add(listener);
    }

    /** Records or replaces the plan of the node with Kafka key {@code planKey} ({@code <cluster>/<node>}). */
    public void planned(String planKey, PlannedNode node) {
        PlannedNode before = nodes.put(planKey, node);
        if (before != null) {
            unindex(planKey, before);
        }
        for (String address : List.of(node.routerId(), node.vtepIp())) {
            plansByAddress.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(planKey);
        }
        if (!node.equals(before)) {
            tell(before, node);
        }
    }

    /** Forgets the plan with {@code planKey} (a tombstone: the node left). */
    public void removed(String planKey) {
        PlannedNode before = nodes.remove(planKey);
        if (before != null) {
            unindex(planKey, before);
            tell(before, null);
        }
    }

    private void tell(PlannedNode before, PlannedNode after) {
        Set<String> addresses = new HashSet<>();
        for (PlannedNode node : Arrays.asList(before, after)) {
            if (node != null) {
                Stream.of(node.routerId(), node.vtepIp()).filter(Objects::nonNull).forEach(addresses::add);
            }
        }
        Set<String> named = Set.copyOf(addresses);
        for (Consumer<Set<String>> listener : replanned) {
            listener.accept(named);
        }
    }

    private void unindex(String planKey, PlannedNode node) {
        for (String address : List.of(node.routerId(), node.vtepIp())) {
            plansByAddress.computeIfPresent(address, (a, keys) -> {
                keys.remove(planKey);
                return keys.isEmpty() ? null : keys;
            });
        }
    }

    /**
     * Whether {@code candidate} is the router id or VTEP of a planned node that one of {@code known} (addresses a
     * router is known by) also names: e.g. the VTEP of the router whose BGP identifier is its planned router id.
     */
    public boolean sameNode(Set<String> known, String candidate) {
        Set<String> keys = plansByAddress.get(candidate);
        if (keys == null) {
            return false;
        }
        for (String key : keys) {
            PlannedNode node = nodes.get(key);
            if (node != null && (known.contains(node.routerId()) || known.contains(node.vtepIp()))) {
                return true;
            }
        }
        return false;
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
