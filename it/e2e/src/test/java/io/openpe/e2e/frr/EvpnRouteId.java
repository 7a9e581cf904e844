package io.openpe.e2e.frr;

import io.openpe.route.v1.EvpnRoute;
import java.util.Locale;

/**
 * What two independent views of one EVPN route must agree on: type, RD, MAC, IP (type-2's IP, type-3's originator,
 * type-5's prefix) and next hop. Built from FRR's JSON and from route-service's records alike, so a set of these
 * compares FRR with Kafka without trusting either's formatting beyond the values.
 */
public record EvpnRouteId(int type, String rd, String mac, String ip, String nextHop) {

    public EvpnRouteId {
        mac = mac == null ? "" : mac.toLowerCase(Locale.ROOT);
        ip = ip == null ? "" : ip;
        nextHop = nextHop == null ? "" : nextHop;
    }

    public static EvpnRouteId of(EvpnRoute route) {
        String ip = route.getRouteType() == 5 ? route.getPrefix() : route.getIp();
        return new EvpnRouteId(route.getRouteType(), route.getRd().getValue(), route.getMac(), ip,
                route.getNextHop());
    }

    @Override
    public String toString() {
        return "[" + type + "] rd " + rd + (mac.isEmpty() ? "" : " mac " + mac) + (ip.isEmpty() ? "" : " ip " + ip)
                + " via " + nextHop;
    }
}
