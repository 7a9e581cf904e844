package io.openpe.e2e.frr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The global EVPN table of one FRR 8.4 router, read from {@code vtysh -c 'show bgp l2vpn evpn json'} or a part of it
 * ({@code show bgp l2vpn evpn route type prefix json} has the same shape): RD objects, each holding prefixes (keys
 * that start with "[") whose {@code paths} are the candidate paths. FRR is the independent witness the end-to-end
 * tests compare route-service with; the one reader of that JSON.
 */
public record FrrEvpnTable(String routerId, List<Path> paths) {

    /**
     * One path of one prefix. {@code peer} is "(unspec)" for a route the router originates itself; {@code ip} is a
     * type-5 route's prefix ({@code 192.168.20.0/24}); {@code routerMac} is empty where the path carries none.
     */
    public record Path(String rd, String prefix, int type, String mac, String ip, String nextHop, String peer,
            boolean valid, boolean best, int mobilitySequence, String routerMac) {

        public boolean local() {
            return "(unspec)".equals(peer);
        }

        public EvpnRouteId id() {
            return new EvpnRouteId(type, rd, mac, ip, nextHop);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // ecommunity_ecom2str (FRR bgpd/bgp_ecommunity.c): "MM:<seq>" or "MM:<seq>, sticky MAC".
    private static final Pattern MOBILITY = Pattern.compile("MM:(\\d+)");
    // The same function: "... Rmac:aa:bb:cc:dd:ee:ff ..." on type-5 and symmetric-IRB type-2 routes.
    private static final Pattern ROUTER_MAC = Pattern.compile("Rmac:([0-9a-fA-F:]{17})");
    // prefix2str for EVPN (bgpd/bgp_evpn.c): "[5]:[EthTag]:[IPlen]:[IP]" for type 5.
    private static final Pattern TYPE_FIVE = Pattern.compile("^\\[5\\]:\\[\\d+\\]:\\[(\\d+)\\]:\\[([^\\]]+)\\]");

    public static FrrEvpnTable parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not FRR's EVPN JSON: " + json, e);
        }
        List<Path> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> rds = root.fields(); rds.hasNext(); ) {
            Map.Entry<String, JsonNode> rd = rds.next();
            if (!rd.getValue().isObject() || !rd.getValue().has("rd")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> prefixes = rd.getValue().fields(); prefixes.hasNext(); ) {
                Map.Entry<String, JsonNode> prefix = prefixes.next();
                if (!prefix.getKey().startsWith("[")) {
                    continue;
                }
                for (JsonNode path : flatten(prefix.getValue().path("paths"))) {
                    paths.add(path(rd.getValue().path("rd").asText(rd.getKey()), prefix.getKey(), path));
                }
            }
        }
        return new FrrEvpnTable(root.path("bgpLocalRouterId").asText(""), List.copyOf(paths));
    }

    /** Paths learned from a peer and usable (FRR omits "valid" on a path whose next hop it cannot resolve). */
    public Set<EvpnRouteId> received() {
        return paths.stream().filter(p -> !p.local() && p.valid()).map(Path::id).collect(Collectors.toSet());
    }

    /** Every path learned from a peer, valid or not: what the router's Adj-RIB-In holds, as BMP reports it. */
    public Set<EvpnRouteId> receivedAll() {
        return paths.stream().filter(p -> !p.local()).map(Path::id).collect(Collectors.toSet());
    }

    /** Routes the router originates itself. */
    public Set<EvpnRouteId> originated() {
        return paths.stream().filter(Path::local).map(Path::id).collect(Collectors.toSet());
    }

    private static Path path(String rd, String prefix, JsonNode path) {
        int type = path.path("routeType").asInt(typeOf(prefix));
        String ip = path.path("ip").asText("");
        if (type == 5) {
            Matcher m = TYPE_FIVE.matcher(prefix);
            ip = m.find() ? m.group(2) + "/" + m.group(1) : ip;
        }
        String nextHop = "";
        for (JsonNode hop : path.path("nexthops")) {
            nextHop = hop.path("ip").asText("");
            break;
        }
        String communities = path.path("extendedCommunity").path("string").asText("");
        Matcher mobility = MOBILITY.matcher(communities);
        Matcher routerMac = ROUTER_MAC.matcher(communities);
        return new Path(rd, prefix, type, path.path("mac").asText(""), ip, nextHop, path.path("peerId").asText(""),
                path.path("valid").asBoolean(false), path.path("bestpath").asBoolean(false),
                mobility.find() ? Integer.parseInt(mobility.group(1)) : 0,
                routerMac.find() ? routerMac.group(1).toLowerCase(Locale.ROOT) : "");
    }

    private static int typeOf(String prefix) {
        return Character.digit(prefix.charAt(1), 10);
    }

    /** FRR versions differ on whether {@code paths} holds objects or one-element arrays of them. */
    private static List<JsonNode> flatten(JsonNode paths) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : paths) {
            if (p.isArray()) {
                p.forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
