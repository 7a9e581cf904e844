package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.IpPrefix;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.RouteDistinguisher;

/**
 * Type 5, IP Prefix (RFC 9136 §3.1): RD (8), ESI (10), Ethernet tag (4), prefix length (1), prefix (4 or 16), gateway
 * IP (4 or 16), label (3). The total length tells the family: 34 bytes for IPv4, 58 for IPv6.
 */
public record IpPrefixRoute(long pathId, RouteDistinguisher rd, Esi esi, long ethernetTag, IpPrefix prefix,
                            IpAddress gateway, Label label) implements EvpnRoute {

    static final int IPV4_LENGTH = 34;
    static final int IPV6_LENGTH = 58;

    static IpPrefixRoute decode(ByteBuf value, long pathId) {
        int length = value.readableBytes();
        if (length != IPV4_LENGTH && length != IPV6_LENGTH) {
            throw new DecodeException("EVPN type 5: length " + length + " is neither " + IPV4_LENGTH + " (IPv4) nor "
                    + IPV6_LENGTH + " (IPv6)");
        }
        boolean v6 = length == IPV6_LENGTH;
        RouteDistinguisher rd = RouteDistinguisher.read(value);
        Esi esi = Esi.read(value);
        long tag = value.readUnsignedInt();
        int bits = value.readUnsignedByte();
        if (bits > (v6 ? 128 : 32)) {
            throw new DecodeException("EVPN type 5: prefix length " + bits + " exceeds " + (v6 ? 128 : 32));
        }
        IpAddress address = v6 ? IpAddress.readV6(value, "prefix") : IpAddress.readV4(value, "prefix");
        IpAddress gateway = v6 ? IpAddress.readV6(value, "gateway") : IpAddress.readV4(value, "gateway");
        Label label = Label.read(value, "EVPN type 5 label");
        return new IpPrefixRoute(pathId, rd, esi, tag, new IpPrefix(address, bits), gateway, label);
    }

    @Override
    public int routeType() {
        return IP_PREFIX;
    }

    /** RFC 9136 §3.1: only the Ethernet tag, prefix length and prefix are the route key (with the RD). */
    @Override
    public NlriKey key() {
        return new Key(rd, ethernetTag, prefix, pathId);
    }

    public record Key(RouteDistinguisher rd, long ethernetTag, IpPrefix prefix, long pathId) implements NlriKey {
        @Override
        public String text() {
            return NlriKey.withPathId(rd + "/5/" + EvpnFields.unsigned(ethernetTag) + "/" + prefix, pathId);
        }
    }
}
