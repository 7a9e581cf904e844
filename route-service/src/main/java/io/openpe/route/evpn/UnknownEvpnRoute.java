package io.openpe.route.evpn;

import io.openpe.route.bgp.NlriKey;
import io.openpe.route.wire.Octets;

/** An EVPN route type we do not decode (6 and up, or 0), skipped by its length and kept raw. */
public record UnknownEvpnRoute(long pathId, int routeType, Octets value) implements EvpnRoute {

    @Override
    public NlriKey key() {
        return new Key(routeType, value, pathId);
    }

    public record Key(int routeType, Octets value, long pathId) implements NlriKey {
        @Override
        public String text() {
            return NlriKey.withPathId("raw/" + routeType + "/" + value.hex(), pathId);
        }
    }
}
