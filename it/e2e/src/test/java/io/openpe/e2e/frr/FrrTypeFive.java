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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type-5 (IP prefix) paths of one FRR 8.4 router with their router MAC, read from
 * {@code vtysh -c 'show bgp l2vpn evpn route type prefix json'}: the witness for the L3VNI routes on
 * {@code openpe.evpn-routes}.
 *
 * @param peer "(unspec)" for a route the router originates itself
 */
public record FrrTypeFive(String rd, String prefix, String nextHop, String routerMac, String peer) {

    private static final ObjectMapper JSON = new ObjectMapper();
    // prefix2str for EVPN (bgpd/bgp_evpn.c): "[5]:[EthTag]:[IPlen]:[IP]".
    private static final Pattern KEY = Pattern.compile("^\\[5\\]:\\[\\d+\\]:\\[(\\d+)\\]:\\[([^\\]]+)\\]");
    // ecommunity_ecom2str (bgpd/bgp_ecommunity.c): "... Rmac:aa:bb:cc:dd:ee:ff ...".
    private static final Pattern RMAC = Pattern.compile("Rmac:([0-9a-fA-F:]{17})");

    public boolean local() {
        return "(unspec)".equals(peer);
    }

    public static List<FrrTypeFive> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not FRR's EVPN JSON: " + json, e);
        }
        List<FrrTypeFive> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> rds = root.fields(); rds.hasNext(); ) {
            Map.Entry<String, JsonNode> rd = rds.next();
            if (!rd.getValue().isObject() || !rd.getValue().has("rd")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> prefixes = rd.getValue().fields(); prefixes.hasNext(); ) {
                Map.Entry<String, JsonNode> prefix = prefixes.next();
                Matcher key = KEY.matcher(prefix.getKey());
                if (!key.find()) {
                    continue;
                }
                for (JsonNode path : flatten(prefix.getValue().path("paths"))) {
                    String nextHop = "";
                    for (JsonNode hop : path.path("nexthops")) {
                        nextHop = hop.path("ip").asText("");
                        break;
                    }
                    Matcher rmac = RMAC.matcher(path.path("extendedCommunity").path("string").asText(""));
                    out.add(new FrrTypeFive(rd.getValue().path("rd").asText(rd.getKey()),
                            key.group(2) + "/" + key.group(1), nextHop,
                            rmac.find() ? rmac.group(1).toLowerCase(Locale.ROOT) : "",
                            path.path("peerId").asText("")));
                }
            }
        }
        return List.copyOf(out);
    }

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
