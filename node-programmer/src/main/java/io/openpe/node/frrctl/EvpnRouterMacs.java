package io.openpe.node.frrctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The router MAC each remote VTEP announces with its EVPN routes, as bgpd holds them ({@code show bgp l2vpn evpn
 * route json}: type-2 MAC+IP and type-5 paths carry the {@code Rmac:} extended community). This is what zebra would
 * install as the VTEP's neighbour on the L3VNI bridge; {@code RouterMacNeighbors} needs it when zebra has lost that
 * neighbour (FRR 8.4.4, node-programmer DESIGN "FRR 8.4.4 and a reused address").
 *
 * @param paths every path of the table that names a router MAC
 */
public record EvpnRouterMacs(List<Path> paths) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RMAC = Pattern.compile("\\bRmac:([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})\\b");

    /**
     * @param vtep   the path's next hop (the remote VTEP)
     * @param prefix the IP prefix the path carries ({@code 192.170.1.3/32}, {@code 192.168.20.0/24}); empty for a
     *               type-2 route without an IP
     */
    public record Path(String vtep, Optional<String> prefix, String routerMac) {
    }

    public EvpnRouterMacs {
        paths = List.copyOf(paths);
    }

    public static EvpnRouterMacs parse(String json) {
        JsonNode table;
        try {
            table = json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable show bgp l2vpn evpn route json: " + e.getOriginalMessage(), e);
        }
        List<Path> paths = new ArrayList<>();
        for (JsonNode rd : table) {
            if (!rd.isObject()) {
                continue;
            }
            for (JsonNode route : rd) {
                for (JsonNode alternatives : route.path("paths")) {
                    // FRR nests each path in an array of its own.
                    for (JsonNode path : alternatives.isArray() ? alternatives : List.of(alternatives)) {
                        parsePath(path).ifPresent(paths::add);
                    }
                }
            }
        }
        return new EvpnRouterMacs(paths);
    }

    private static Optional<Path> parsePath(JsonNode path) {
        Matcher rmac = RMAC.matcher(path.path("extendedCommunity").path("string").asText());
        JsonNode nexthops = path.path("nexthops");
        if (!rmac.find() || nexthops.isEmpty() || !nexthops.get(0).hasNonNull("ip")) {
            return Optional.empty();
        }
        Optional<String> prefix = path.hasNonNull("ip") && path.hasNonNull("ipLen")
                ? Optional.of(path.get("ip").asText() + "/" + path.get("ipLen").asInt())
                : Optional.empty();
        return Optional.of(new Path(nexthops.get(0).get("ip").asText(), prefix,
                rmac.group(1).toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * The router MAC behind a route to {@code prefix} via {@code vtep}: the one of the path that carries exactly
     * that prefix from that VTEP, else the one every path of that VTEP names. Empty when neither is one MAC (a VTEP
     * of several L3VNIs announces one router MAC per L3VNI; guessing among them would install a wrong neighbour).
     */
    public Optional<String> routerMacFor(String vtep, String prefix) {
        Optional<String> exact = single(paths.stream()
                .filter(p -> p.vtep().equals(vtep) && p.prefix().equals(Optional.of(prefix))).toList());
        return exact.isPresent() ? exact : single(paths.stream().filter(p -> p.vtep().equals(vtep)).toList());
    }

    private static Optional<String> single(List<Path> candidates) {
        List<String> macs = candidates.stream().map(Path::routerMac).distinct().toList();
        return macs.size() == 1 ? Optional.of(macs.getFirst()) : Optional.empty();
    }
}
