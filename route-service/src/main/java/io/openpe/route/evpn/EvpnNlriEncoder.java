package io.openpe.route.evpn;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.IpPrefix;
import io.openpe.route.wire.Label;

/**
 * Writes an EVPN route's value back in its wire form (RFC 7432 §7, RFC 9136 §3.1), the inverse of
 * {@link EvpnNlriDecoder#decodeValue}: the RIB keeps routes as these bytes and decodes them again when read.
 * Only values the wire can carry are accepted (a type-5 route with an IPv4 prefix and an IPv6 gateway, say, is not).
 */
public final class EvpnNlriEncoder {

    private EvpnNlriEncoder() {
    }

    /** The length of the route's value in bytes, what the NLRI's length byte says. */
    public static int valueLength(EvpnRoute route) {
        return switch (route) {
            case EthernetAutoDiscovery _ -> EthernetAutoDiscovery.LENGTH;
            case MacIpAdvertisement r -> MacIpAdvertisement.MIN_LENGTH + addressBytes(r.ip())
                    + (r.label2() == null ? 0 : Label.LENGTH);
            case InclusiveMulticast r -> InclusiveMulticast.MIN_LENGTH - 4 + addressBytes(r.originator());
            case EthernetSegment r -> EthernetSegment.MIN_LENGTH - 4 + addressBytes(r.originator());
            case IpPrefixRoute r -> r.prefix().address().v6() ? IpPrefixRoute.IPV6_LENGTH : IpPrefixRoute.IPV4_LENGTH;
            case UnknownEvpnRoute r -> r.value().length();
        };
    }

    /**
     * Writes the value ({@link #valueLength} bytes, no type or length byte).
     *
     * @throws IllegalArgumentException for a value that has no wire form
     */
    public static void writeValue(EvpnRoute route, ByteBuf out) {
        switch (route) {
            case EthernetAutoDiscovery r -> {
                out.writeLong(r.rd().raw());
                writeEsi(r.esi(), out);
                out.writeInt((int) r.ethernetTag());
                out.writeMedium(r.label().raw());
            }
            case MacIpAdvertisement r -> {
                out.writeLong(r.rd().raw());
                writeEsi(r.esi(), out);
                out.writeInt((int) r.ethernetTag());
                out.writeByte(48);
                out.writeShort((int) (r.mac().value() >>> 32)).writeInt((int) r.mac().value());
                writeWithBitLength(r.ip(), out);
                out.writeMedium(r.label1().raw());
                if (r.label2() != null) {
                    out.writeMedium(r.label2().raw());
                }
            }
            case InclusiveMulticast r -> {
                out.writeLong(r.rd().raw());
                out.writeInt((int) r.ethernetTag());
                writeWithBitLength(requireAddress(r.originator()), out);
            }
            case EthernetSegment r -> {
                out.writeLong(r.rd().raw());
                writeEsi(r.esi(), out);
                writeWithBitLength(requireAddress(r.originator()), out);
            }
            case IpPrefixRoute r -> {
                IpPrefix prefix = r.prefix();
                if (r.gateway().v6() != prefix.address().v6()) {
                    throw new IllegalArgumentException("EVPN type 5: prefix and gateway of different families");
                }
                out.writeLong(r.rd().raw());
                writeEsi(r.esi(), out);
                out.writeInt((int) r.ethernetTag());
                out.writeByte(prefix.length());
                writeAddress(prefix.address(), out);
                writeAddress(r.gateway(), out);
                out.writeMedium(r.label().raw());
            }
            case UnknownEvpnRoute r -> {
                if (r.routeType() >= EvpnRoute.ETHERNET_AUTO_DISCOVERY && r.routeType() <= EvpnRoute.IP_PREFIX) {
                    throw new IllegalArgumentException("EVPN type " + r.routeType() + " is decoded, not kept raw");
                }
                out.writeBytes(r.value().toByteArray());
            }
        }
    }

    private static IpAddress requireAddress(IpAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("originating router IP missing");
        }
        return address;
    }

    private static int addressBytes(IpAddress address) {
        return address == null ? 0 : address.bitLength() / 8;
    }

    private static void writeEsi(Esi esi, ByteBuf out) {
        out.writeLong(esi.high()).writeShort(esi.low());
    }

    /** The "IP length in bits, then the address" convention; length 0 for none. */
    private static void writeWithBitLength(IpAddress address, ByteBuf out) {
        if (address == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(address.bitLength());
        writeAddress(address, out);
    }

    private static void writeAddress(IpAddress address, ByteBuf out) {
        if (address.v6()) {
            out.writeLong(address.high()).writeLong(address.low());
        } else {
            out.writeInt((int) address.low());
        }
    }
}
