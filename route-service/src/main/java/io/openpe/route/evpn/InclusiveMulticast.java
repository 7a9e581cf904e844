package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.RouteDistinguisher;

/**
 * Type 3, Inclusive Multicast Ethernet Tag (RFC 7432 §7.3): RD (8), Ethernet tag (4), IP length (1), originating
 * router's IP (4 or 16) = 17 or 29 bytes. Its VNI travels in the PMSI tunnel attribute's label (RFC 8365 §5.1.3).
 */
public record InclusiveMulticast(long pathId, RouteDistinguisher rd, long ethernetTag, IpAddress originator)
        implements EvpnRoute {

    static final int MIN_LENGTH = 17;

    static InclusiveMulticast decode(ByteBuf value, long pathId) {
        EvpnFields.needAtLeast(value, MIN_LENGTH, INCLUSIVE_MULTICAST);
        RouteDistinguisher rd = RouteDistinguisher.read(value);
        long tag = value.readUnsignedInt();
        IpAddress originator = EvpnFields.ipWithBitLength(value, INCLUSIVE_MULTICAST, false, "originating router IP");
        EvpnFields.expectEnd(value, INCLUSIVE_MULTICAST);
        return new InclusiveMulticast(pathId, rd, tag, originator);
    }

    @Override
    public int routeType() {
        return INCLUSIVE_MULTICAST;
    }

    /** RFC 7432 §7.3: the Ethernet tag, IP length and originating router's IP are the key (with the RD). */
    @Override
    public NlriKey key() {
        return new Key(rd, ethernetTag, originator, pathId);
    }

    public record Key(RouteDistinguisher rd, long ethernetTag, IpAddress originator, long pathId) implements NlriKey {
        @Override
        public String text() {
            return NlriKey.withPathId(rd + "/3/" + EvpnFields.unsigned(ethernetTag) + "/" + originator, pathId);
        }
    }
}
