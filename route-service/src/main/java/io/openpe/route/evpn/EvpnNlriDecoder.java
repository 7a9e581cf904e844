package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.NlriDecoder;
import io.openpe.route.bgp.NlriDecoders;
import io.openpe.route.wire.Wire;
import java.util.List;

/**
 * L2VPN EVPN NLRI (RFC 7432 §7): (path id,) route type (1), length (1), value; repeated to the end of the field.
 * Each value is handed to its route type as an exact-length view, so a type never reads into its neighbour.
 */
public final class EvpnNlriDecoder implements NlriDecoder {

    /** IPv4/IPv6 unicast and L2VPN EVPN: every family route-service decodes. */
    public static NlriDecoders withUnicast() {
        return NlriDecoders.unicast().with(AfiSafi.L2VPN_EVPN, new EvpnNlriDecoder());
    }

    @Override
    public void decode(ByteBuf nlri, AfiSafi afiSafi, boolean addPath, List<Nlri> out) {
        while (nlri.isReadable()) {
            out.add(decodeOne(nlri, addPath));
        }
    }

    /** Decodes one route from the start of {@code nlri}. */
    public static EvpnRoute decodeOne(ByteBuf nlri, boolean addPath) {
        long pathId = addPath ? Wire.u32(nlri, "EVPN path id") : Nlri.NO_PATH_ID;
        int type = Wire.u8(nlri, "EVPN route type");
        int length = Wire.u8(nlri, "EVPN type ", type, " length");
        if (nlri.readableBytes() < length) {
            Wire.need(nlri, length, "EVPN type " + type + " value of declared length " + length);
        }
        return decodeValue(type, nlri.readSlice(length), pathId);
    }

    /** Decodes the value of one route of {@code type}, exactly its bytes (no type or length byte in front). */
    public static EvpnRoute decodeValue(int type, ByteBuf value, long pathId) {
        return switch (type) {
            case EvpnRoute.ETHERNET_AUTO_DISCOVERY -> EthernetAutoDiscovery.decode(value, pathId);
            case EvpnRoute.MAC_IP_ADVERTISEMENT -> MacIpAdvertisement.decode(value, pathId);
            case EvpnRoute.INCLUSIVE_MULTICAST -> InclusiveMulticast.decode(value, pathId);
            case EvpnRoute.ETHERNET_SEGMENT -> EthernetSegment.decode(value, pathId);
            case EvpnRoute.IP_PREFIX -> IpPrefixRoute.decode(value, pathId);
            default -> new UnknownEvpnRoute(pathId, type,
                    Wire.octets(value, value.readableBytes(), "EVPN type " + type));
        };
    }
}
