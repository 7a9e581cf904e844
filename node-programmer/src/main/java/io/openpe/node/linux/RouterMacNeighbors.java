package io.openpe.node.linux;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.node.frrctl.EvpnRouterMacs;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.Vxlan;
import io.openpe.rules.CommandToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Puts back the router-MAC neighbour of a remote VTEP that zebra lost while routes still use it (netns VRF
 * datapath). zebra installs one per remote VTEP of an L3VNI on its bridge ({@code 100.65.0.0 lladdr <rmac>
 * extern_learn NOARP} on {@code br-pe-100}, and the MAC on {@code vni100} with the VTEP as destination) and keeps it
 * while some route in the VRF goes via that VTEP. FRR 8.4.4's zebra can drop both while a route via the VTEP stays
 * installed: a route withdrawn and announced again before zebra's queue runs (a workload re-created on its address
 * with a new MAC) is counted off after it was counted on (node-programmer DESIGN "FRR 8.4.4 and a reused
 * address"). The kernel then ARPs for the VTEP inside the VRF, the neighbour goes FAILED, and replies to the
 * workload die at that node.
 *
 * <p>A pass reads each VRF namespace's BGP routes and neighbours in one {@code ip -j -batch} process; only when a
 * next hop on a {@code br-pe-*} bridge has no usable neighbour is bgpd asked for the VTEP's router MAC, and the
 * entry written as zebra writes it ({@code neigh replace ... nud noarp extern_learn}; {@code bridge fdb replace ...
 * self extern_learn} on the L3VNI's VXLAN), so zebra replaces it as its own when it installs the VTEP again.
 */
public final class RouterMacNeighbors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUN_NETNS = Path.of("/run/netns");

    private final String routerNamespace;
    private final Supplier<Optional<EvpnRouterMacs>> routerMacs;

    /** @param routerMacs bgpd's router MACs, asked only when a neighbour is missing */
    public RouterMacNeighbors(String routerNamespace, Supplier<Optional<EvpnRouterMacs>> routerMacs) {
        this.routerNamespace = routerNamespace;
        this.routerMacs = routerMacs;
    }

    /** A route's next hop on an L3VNI bridge, with one prefix routed through it (to find its router MAC). */
    public record NextHop(String vtep, String bridge, String prefix) {
    }

    /** A neighbour put back: in which VRF namespace, the next hop and the router MAC written. */
    public record Restored(String namespace, NextHop nextHop, String routerMac) {
    }

    /** One pass over every VRF namespace of this router; returns what was put back. */
    public List<Restored> restore() {
        List<Restored> restored = new ArrayList<>();
        Optional<EvpnRouterMacs> macs = Optional.empty();
        for (String namespace : vrfNamespaces()) {
            Netns netns = new Netns(Optional.of(namespace));
            List<JsonNode> tables = parseAll(Command.of(netns.ip("-j", "-batch", "-"))
                    .withStdin("route show proto bgp\nneigh show\n").runOrThrow().stdout());
            List<NextHop> missing = missing(tables.isEmpty() ? null : tables.get(0),
                    tables.size() < 2 ? null : tables.get(1));
            if (missing.isEmpty()) {
                continue;
            }
            if (macs.isEmpty()) {
                macs = routerMacs.get();
                if (macs.isEmpty()) {
                    return restored;
                }
            }
            for (NextHop hop : missing) {
                Optional<String> mac = macs.get().routerMacFor(hop.vtep(), hop.prefix());
                if (mac.isPresent() && write(netns, hop, mac.get())) {
                    restored.add(new Restored(namespace, hop, mac.get()));
                }
            }
        }
        return restored;
    }

    private boolean write(Netns netns, NextHop hop, String mac) {
        Map<Integer, String> failed = IpBatch.run(netns, List.of(neighbourCommand(hop, mac)));
        OptionalLong vni = Bridge.vniOf(hop.bridge());
        if (!failed.isEmpty() || vni.isEmpty()) {
            return false;
        }
        return Command.of(netns.bridgeCommand(fdbCommand(hop, mac, Vxlan.nameFor(vni.getAsLong())))).run().ok();
    }

    /** Values read from the kernel and bgpd go through the same checks as the plan's (issue 10). */
    static String neighbourCommand(NextHop hop, String mac) {
        return "neigh replace " + CommandToken.requireSafe(hop.vtep()) + " lladdr " + CommandToken.requireSafe(mac)
                + " dev " + CommandToken.requireInterfaceName(hop.bridge()) + " nud noarp extern_learn";
    }

    static List<String> fdbCommand(NextHop hop, String mac, String vxlan) {
        return List.of("fdb", "replace", CommandToken.requireSafe(mac), "dev", CommandToken.requireInterfaceName(vxlan),
                "dst", CommandToken.requireSafe(hop.vtep()), "self", "extern_learn");
    }

    private List<String> vrfNamespaces() {
        String prefix = NetnsVrfKernel.namespaceFor(routerNamespace, "");
        if (!Files.isDirectory(RUN_NETNS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(RUN_NETNS)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + RUN_NETNS + ": " + e, e);
        }
    }

    /**
     * The next hops of BGP routes on a router bridge ({@code br-pe-*}) that have no usable neighbour: none, or one
     * without a MAC, FAILED or INCOMPLETE. One entry per next hop, with the first prefix seen through it.
     *
     * @param routes     {@code ip -j route show proto bgp}
     * @param neighbours {@code ip -j neigh show}
     */
    public static List<NextHop> missing(JsonNode routes, JsonNode neighbours) {
        Map<String, NextHop> hops = new LinkedHashMap<>();
        for (JsonNode route : routes == null ? List.<JsonNode>of() : routes) {
            String prefix = prefixOf(route.path("dst").asText());
            List<JsonNode> nexthops = route.has("nexthops") ? iterable(route.get("nexthops")) : List.of(route);
            for (JsonNode nexthop : nexthops) {
                String dev = nexthop.path("dev").asText();
                if (nexthop.hasNonNull("gateway") && Bridge.isOurs(Side.ROUTER, dev)) {
                    NextHop hop = new NextHop(nexthop.get("gateway").asText(), dev, prefix);
                    hops.putIfAbsent(hop.vtep() + " " + dev, hop);
                }
            }
        }
        for (JsonNode neighbour : neighbours == null ? List.<JsonNode>of() : neighbours) {
            if (usable(neighbour)) {
                hops.remove(neighbour.path("dst").asText() + " " + neighbour.path("dev").asText());
            }
        }
        return List.copyOf(hops.values());
    }

    private static boolean usable(JsonNode neighbour) {
        if (!neighbour.hasNonNull("lladdr")) {
            return false;
        }
        for (JsonNode state : neighbour.path("state")) {
            if (Set.of("FAILED", "INCOMPLETE").contains(state.asText())) {
                return false;
            }
        }
        return true;
    }

    private static String prefixOf(String dst) {
        if (dst.equals("default")) {
            return "0.0.0.0/0";
        }
        return dst.contains("/") ? dst : dst + (dst.contains(":") ? "/128" : "/32");
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** {@code ip -j -batch} prints one JSON array per command, one after the other. */
    static List<JsonNode> parseAll(String json) {
        List<JsonNode> values = new ArrayList<>();
        // Read value by value: a MappingIterator would unwrap the first array into its elements.
        try (JsonParser parser = JSON.createParser(json)) {
            while (parser.nextToken() != null) {
                values.add(JSON.readTree(parser));
            }
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new IllegalStateException("unreadable ip -j -batch output: " + reason, e);
        }
        return values;
    }
}
