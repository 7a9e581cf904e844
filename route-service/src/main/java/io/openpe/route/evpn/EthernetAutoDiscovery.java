package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.RouteDistinguisher;

/** Type 1, Ethernet Auto-Discovery (RFC 7432 §7.1): RD (8), ESI (10), Ethernet tag (4), MPLS label (3) = 25 bytes. */
public record EthernetAutoDiscovery(long pathId, RouteDistinguisher rd, Esi esi, long ethernetTag, Label label)
        implements EvpnRoute {

    static final int LENGTH = 25;

    static EthernetAutoDiscovery decode(ByteBuf value, long pathId) {
        EvpnFields.needExactly(value, LENGTH, ETHERNET_AUTO_DISCOVERY, "RD, ESI, Ethernet tag and label");
        return new EthernetAutoDiscovery(pathId, RouteDistinguisher.read(value), Esi.read(value),
                value.readUnsignedInt(), Label.read(value, "EVPN type 1 label"));
    }

    @Override
    public int routeType() {
        return ETHERNET_AUTO_DISCOVERY;
    }

    /** RFC 7432 §7.1: only the ESI and the Ethernet tag are part of the route key (with the RD). */
    @Override
    public NlriKey key() {
        return new Key(rd, esi, ethernetTag, pathId);
    }

    public record Key(RouteDistinguisher rd, Esi esi, long ethernetTag, long pathId) implements NlriKey {
        @Override
        public String text() {
            return NlriKey.withPathId(rd + "/1/" + esi + "/" + EvpnFields.unsigned(ethernetTag), pathId);
        }
    }
}
