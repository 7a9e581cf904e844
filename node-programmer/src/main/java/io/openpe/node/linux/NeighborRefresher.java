package io.openpe.node.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DESIGN §5 "Silent VMs": keeps the type-2 routes of workloads that never speak first. Their MAC ages out of the
 * gateway bridge's FDB (and the kernel may drop the STALE neighbor), so zebra withdraws the MAC/IP route and remote
 * traffic floods or fails. A pass lists the STALE entries on every {@code br-pe-<vni>} with one
 * {@code ip -j neigh show nud stale} for the router namespace, and moves them all to DELAY with one
 * {@code ip -batch}: the kernel's own neighbor state machine then sends a unicast ARP request (IPv6: neighbor
 * solicitation) to the workload, whose reply refreshes both the neighbor entry (REACHABLE) and the bridge FDB.
 * Chosen over an arping-like probe because it costs two processes per pass whatever the count, needs no raw socket
 * or source-address choice, and covers IPv6 the same way; an entry that does not answer goes to FAILED as it would
 * on its own.
 */
public final class NeighborRefresher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Netns router;

    public NeighborRefresher(Namespaces namespaces) {
        this.router = Netns.of(namespaces, Side.ROUTER);
    }

    /** One pass; returns the entries sent to DELAY. Throws when ip itself fails. */
    public List<StaleNeighbor> refresh() {
        List<StaleNeighbor> stale = parse(Command.of(router.ip("-j", "neigh", "show", "nud", "stale"))
                .runOrThrow().stdout());
        Map<Integer, String> failures = IpBatch.run(router, refreshCommands(stale));
        List<StaleNeighbor> refreshed = new ArrayList<>();
        for (int i = 0; i < stale.size(); i++) {
            if (!failures.containsKey(i)) {
                refreshed.add(stale.get(i));
            }
        }
        return refreshed;
    }

    /** The STALE entries of {@code ip -j neigh show} that sit on a gateway bridge and carry a MAC. */
    public static List<StaleNeighbor> parse(String json) {
        List<StaleNeighbor> stale = new ArrayList<>();
        JsonNode entries;
        try {
            entries = json.isBlank() ? JSON.createArrayNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ip -j neigh output: " + e.getOriginalMessage(), e);
        }
        for (JsonNode entry : entries) {
            String dev = entry.path("dev").asText();
            boolean isStale = false;
            for (JsonNode state : entry.path("state")) {
                isStale |= state.asText().equals("STALE");
            }
            if (isStale && Bridge.isOurs(Side.ROUTER, dev) && entry.hasNonNull("lladdr")) {
                stale.add(new StaleNeighbor(entry.get("dst").asText(), dev, entry.get("lladdr").asText()));
            }
        }
        return stale;
    }

    /** One {@code neigh change ... nud delay} per entry, keeping its MAC. */
    public static List<String> refreshCommands(List<StaleNeighbor> stale) {
        return stale.stream()
                .map(n -> "neigh change " + n.address() + " dev " + n.bridge() + " lladdr " + n.mac() + " nud delay")
                .toList();
    }
}
