package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.RouteDistinguisher;

/**
 * Type 4, Ethernet Segment (RFC 7432 §7.4): RD (8), ESI (10), IP length (1), originating router's IP (4 or 16) =
 * 23 or 35 bytes.
 */
public record EthernetSegment(long pathId, RouteDistinguisher rd, Esi esi, IpAddress originator)
        implements EvpnRoute {

    static final int MIN_LENGTH = 23;

    static EthernetSegment decode(ByteBuf value, long pathId) {
        EvpnFields.needAtLeast(value, MIN_LENGTH, ETHERNET_SEGMENT);
        RouteDistinguisher rd = RouteDistinguisher.read(value);
        Esi esi = Esi.read(value);
        IpAddress originator = EvpnFields.ipWithBitLength(value, ETHERNET_SEGMENT, false, "originating router IP");
        EvpnFields.expectEnd(value, ETHERNET_SEGMENT);
        return new EthernetSegment(pathId, rd, esi, originator);
    }

    @Override
    public int routeType() {
        return ETHERNET_SEGMENT;
    }

    /** RFC 7432 §7.4: the ESI, IP length and originating router's IP are the key (with the RD). */
    @Override
    public NlriKey key() {
        return new Key(rd, esi, originator, pathId);
    }

    public record Key(RouteDistinguisher rd, Esi esi, IpAddress originator, long pathId) implements NlriKey {
        @Override
        public String text() {
            return NlriKey.withPathId(rd + "/4/" + esi + "/" + originator, pathId);
        }
    }
}
