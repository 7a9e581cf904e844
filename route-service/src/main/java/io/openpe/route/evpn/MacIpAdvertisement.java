package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.MacAddress;
import io.openpe.route.wire.RouteDistinguisher;

/**
 * Type 2, MAC/IP Advertisement (RFC 7432 §7.2): RD (8), ESI (10), Ethernet tag (4), MAC length (1, = 48), MAC (6),
 * IP length (1: 0, 32 or 128 bits), IP (0, 4 or 16), label 1 (3), optional label 2 (3). 33 to 52 bytes.
 *
 * @param ip     null for a MAC-only route
 * @param label2 null when only one label was sent (label 2 is the L3 VNI in symmetric IRB, RFC 9135 §5)
 */
public record MacIpAdvertisement(long pathId, RouteDistinguisher rd, Esi esi, long ethernetTag, MacAddress mac,
                                 IpAddress ip, Label label1, Label label2) implements EvpnRoute {

    static final int MIN_LENGTH = 33;

    static MacIpAdvertisement decode(ByteBuf value, long pathId) {
        EvpnFields.needAtLeast(value, MIN_LENGTH, MAC_IP_ADVERTISEMENT);
        RouteDistinguisher rd = RouteDistinguisher.read(value);
        Esi esi = Esi.read(value);
        long tag = value.readUnsignedInt();
        int macBits = value.readUnsignedByte();
        if (macBits != 48) {
            throw new DecodeException("EVPN type 2: MAC address length " + macBits + " bits is not 48");
        }
        MacAddress mac = MacAddress.read(value);
        IpAddress ip = EvpnFields.ipWithBitLength(value, MAC_IP_ADVERTISEMENT, true, "IP address");
        int rest = value.readableBytes();
        if (rest != 3 && rest != 6) {
            throw new DecodeException("EVPN type 2: " + rest + " bytes left for labels, need 3 or 6");
        }
        Label label1 = Label.read(value, "EVPN type 2 label 1");
        Label label2 = rest == 6 ? Label.read(value, "EVPN type 2 label 2") : null;
        return new MacIpAdvertisement(pathId, rd, esi, tag, mac, ip, label1, label2);
    }

    @Override
    public int routeType() {
        return MAC_IP_ADVERTISEMENT;
    }

    /**
     * RFC 7432 §7.2: "for the purpose of BGP route key processing, only the Ethernet Tag ID, MAC Address Length, MAC
     * Address, IP Address Length, and IP Address fields are considered" (ESI and labels are not), with the RD.
     */
    @Override
    public NlriKey key() {
        return new Key(rd, ethernetTag, mac, ip, pathId);
    }

    public record Key(RouteDistinguisher rd, long ethernetTag, MacAddress mac, IpAddress ip, long pathId)
            implements NlriKey {
        @Override
        public String text() {
            String base = rd + "/2/" + EvpnFields.unsigned(ethernetTag) + "/" + mac;
            return NlriKey.withPathId(ip == null ? base : base + "/" + ip, pathId);
        }
    }
}
