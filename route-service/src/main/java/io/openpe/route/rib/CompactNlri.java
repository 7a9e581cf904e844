package io.openpe.route.rib;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.IpUnicastRoute;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.NlriKey;
import io.openpe.route.bgp.UnknownNlri;
import io.openpe.route.evpn.EthernetAutoDiscovery;
import io.openpe.route.evpn.EthernetSegment;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.evpn.EvpnNlriEncoder;
import io.openpe.route.evpn.EvpnRoute;
import io.openpe.route.evpn.InclusiveMulticast;
import io.openpe.route.evpn.IpPrefixRoute;
import io.openpe.route.evpn.MacIpAdvertisement;
import io.openpe.route.evpn.UnknownEvpnRoute;
import io.openpe.route.wire.Esi;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.IpPrefix;
import io.openpe.route.wire.Label;
import io.openpe.route.wire.Octets;
import java.util.Arrays;

/**
 * The form the RIB keeps an NLRI in: one byte array, decoded into the typed record only when someone reads the route.
 * A typed record costs a key record and one object per field (RD, ESI, MAC, IP, labels); the bytes cost one array.
 * <pre>
 * byte 0        family: 1 IPv4 unicast, 2 IPv6 unicast, 3 L2VPN EVPN, 4 any other (AFI, SAFI follow); +0x80 = path id
 * [4 bytes]     RFC 7911 path id, when flagged
 * EVPN          route type (1), value as sent (RFC 7432 §7; its length is the rest of the array)
 * unicast       prefix length in bits (1), prefix bytes (RFC 4271 §4.3)
 * other family  AFI (2), SAFI (1), the NLRI field as sent
 * </pre>
 * The route key (RFC 7432 §7 per route type) is a part of these bytes: everything but the ESI and labels of type 2,
 * the ESI, gateway and label of type 5 and the label of type 1. {@link #keyHash} and {@link #sameKey} read only that.
 */
final class CompactNlri {

    static final int IPV4_UNICAST = 1;
    static final int IPV6_UNICAST = 2;
    static final int L2VPN_EVPN = 3;
    static final int OTHER_FAMILY = 4;
    private static final int PATH_ID_FLAG = 0x80;

    private CompactNlri() {
    }

    /**
     * The compact form of {@code nlri}.
     *
     * @throws IllegalArgumentException for a value the wire cannot carry (decoded NLRI always can)
     */
    static byte[] encode(Nlri nlri) {
        long pathId = nlri.pathId();
        if (pathId != Nlri.NO_PATH_ID && (pathId >>> 32) != 0) {
            throw new IllegalArgumentException("path id wider than 32 bits: " + pathId);
        }
        int header = pathId == Nlri.NO_PATH_ID ? 1 : 5;
        ByteBuf out;
        switch (nlri) {
            case EvpnRoute r -> {
                out = buffer(header + 1 + EvpnNlriEncoder.valueLength(r));
                writeHeader(out, L2VPN_EVPN, pathId);
                out.writeByte(r.routeType());
                EvpnNlriEncoder.writeValue(r, out);
            }
            case IpUnicastRoute r -> {
                IpPrefix prefix = r.prefix();
                int bytes = (prefix.length() + 7) / 8;
                byte[] address = addressBytes(prefix.address());
                for (int i = bytes; i < address.length; i++) {
                    if (address[i] != 0) {
                        throw new IllegalArgumentException("prefix " + prefix + " has bits set beyond its length bytes");
                    }
                }
                out = buffer(header + 1 + bytes);
                writeHeader(out, prefix.address().v6() ? IPV6_UNICAST : IPV4_UNICAST, pathId);
                out.writeByte(prefix.length()).writeBytes(address, 0, bytes);
            }
            case UnknownNlri r -> {
                out = buffer(header + 3 + r.raw().length());
                writeHeader(out, OTHER_FAMILY, pathId);
                out.writeShort(r.afiSafi().afi()).writeByte(r.afiSafi().safi()).writeBytes(r.raw().toByteArray());
            }
            default -> throw new IllegalArgumentException("no compact form for " + nlri.getClass().getSimpleName());
        }
        if (out.isWritable()) {
            throw new IllegalStateException("compact " + nlri + " is " + out.writableBytes() + " bytes short");
        }
        return out.array();
    }

    /** The typed record of a compact NLRI made by {@link #encode}. */
    static Nlri decode(byte[] compact) {
        int v = valueOffset(compact);
        long pathId = pathId(compact);
        return switch (family(compact)) {
            case L2VPN_EVPN -> EvpnNlriDecoder.decodeValue(compact[v - 1] & 0xff,
                    Unpooled.wrappedBuffer(compact, v, compact.length - v), pathId);
            case IPV4_UNICAST, IPV6_UNICAST -> new IpUnicastRoute(pathId, IpPrefix.readEncoded(
                    Unpooled.wrappedBuffer(compact, v, compact.length - v), family(compact) == IPV6_UNICAST, "stored"));
            default -> {
                byte[] raw = new byte[compact.length - v];
                System.arraycopy(compact, v, raw, 0, raw.length);
                yield new UnknownNlri(new AfiSafi((compact[v - 3] & 0xff) << 8 | compact[v - 2] & 0xff,
                        compact[v - 1] & 0xff), Octets.copyOf(raw));
            }
        };
    }

    /** The family of a compact NLRI without decoding it. */
    static AfiSafi afiSafi(byte[] compact) {
        return switch (family(compact)) {
            case IPV4_UNICAST -> AfiSafi.IPV4_UNICAST;
            case IPV6_UNICAST -> AfiSafi.IPV6_UNICAST;
            case L2VPN_EVPN -> AfiSafi.L2VPN_EVPN;
            default -> {
                int v = valueOffset(compact);
                yield new AfiSafi((compact[v - 3] & 0xff) << 8 | compact[v - 2] & 0xff, compact[v - 1] & 0xff);
            }
        };
    }

    /**
     * The compact form of a route with key {@code key}: the key's fields, and zero (RD aside) in the fields that are no
     * part of it; null for a key of no type we store.
     */
    static byte[] encodeKey(NlriKey key) {
        Nlri representative = switch (key) {
            case MacIpAdvertisement.Key k -> new MacIpAdvertisement(k.pathId(), k.rd(), Esi.ZERO, k.ethernetTag(),
                    k.mac(), k.ip(), Label.ZERO, null);
            case IpPrefixRoute.Key k -> new IpPrefixRoute(k.pathId(), k.rd(), Esi.ZERO, k.ethernetTag(), k.prefix(),
                    k.prefix().address().v6() ? IpAddress.v6(0, 0) : IpAddress.V4_ANY, Label.ZERO);
            case EthernetAutoDiscovery.Key k -> new EthernetAutoDiscovery(k.pathId(), k.rd(), k.esi(),
                    k.ethernetTag(), Label.ZERO);
            case InclusiveMulticast.Key k -> new InclusiveMulticast(k.pathId(), k.rd(), k.ethernetTag(),
                    k.originator());
            case EthernetSegment.Key k -> new EthernetSegment(k.pathId(), k.rd(), k.esi(), k.originator());
            case UnknownEvpnRoute.Key k -> new UnknownEvpnRoute(k.pathId(), k.routeType(), k.value());
            case IpUnicastRoute.Key k -> new IpUnicastRoute(k.pathId(), k.prefix());
            case UnknownNlri.Key k -> new UnknownNlri(k.afiSafi(), k.raw());
            default -> null;
        };
        if (representative == null) {
            return null;
        }
        try {
            return encode(representative);
        } catch (IllegalArgumentException e) {
            return null;   // a key the wire cannot carry names no stored route
        }
    }

    /**
     * Hash of the key bytes only, mixed to 32 well-spread bits: keys differ in a few low bytes (consecutive MACs and
     * prefixes), which a plain 31-polynomial maps onto colliding values and HashMap turns into tree bins.
     */
    static int keyHash(byte[] compact) {
        long bounds = keyBounds(compact);
        int gapStart = gapStart(bounds);
        int gapEnd = gapEnd(bounds);
        int end = keyEnd(bounds);
        long h = 0;
        for (int i = 0; i < end; i++) {
            if (i == gapStart) {
                i = gapEnd - 1;
                continue;
            }
            h = (h + (compact[i] & 0xff)) * 0x9e3779b97f4a7c15L;
        }
        // MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /** Whether two compact NLRI are the same route (equal keys), whatever their other fields. */
    static boolean sameKey(byte[] a, byte[] b) {
        long bounds = keyBounds(a);
        if (bounds != keyBounds(b)) {
            return false;
        }
        int gapStart = gapStart(bounds);
        int gapEnd = gapEnd(bounds);
        int end = keyEnd(bounds);
        return Arrays.equals(a, 0, gapStart, b, 0, gapStart)
                && Arrays.equals(a, gapEnd, end, b, gapEnd, end);
    }

    /**
     * Where the key lies: bytes [0, gapStart) and [gapEnd, keyEnd), packed 21 bits each. Equal bounds are a
     * precondition of equal keys: they depend only on the header, route type and address lengths, all key fields.
     */
    private static long keyBounds(byte[] compact) {
        int end = compact.length;
        if (family(compact) == L2VPN_EVPN) {
            int v = valueOffset(compact);
            switch (compact[v - 1]) {
                // RFC 7432 §7.1: RD, ESI, tag; not the label.
                case EvpnRoute.ETHERNET_AUTO_DISCOVERY -> end = v + 22;
                // RFC 7432 §7.2: RD, tag, MAC length, MAC, IP length, IP; not the ESI, not the labels.
                case EvpnRoute.MAC_IP_ADVERTISEMENT -> {
                    return bounds(v + 8, v + 18, v + 30 + (compact[v + 29] & 0xff) / 8);
                }
                // RFC 9136 §3.1: RD, tag, prefix length, prefix; not the ESI, gateway or label.
                case EvpnRoute.IP_PREFIX -> {
                    return bounds(v + 8, v + 18, v + 23 + (compact.length - v == 34 ? 4 : 16));
                }
                default -> { }  // types 3 and 4 are all key (RFC 7432 §7.3, §7.4), unknown types kept whole
            }
        }
        return bounds(end, end, end);
    }

    private static long bounds(int gapStart, int gapEnd, int keyEnd) {
        return (long) gapStart << 42 | (long) gapEnd << 21 | keyEnd;
    }

    private static int gapStart(long bounds) {
        return (int) (bounds >>> 42);
    }

    private static int gapEnd(long bounds) {
        return (int) (bounds >>> 21) & 0x1fffff;
    }

    private static int keyEnd(long bounds) {
        return (int) bounds & 0x1fffff;
    }

    private static int family(byte[] compact) {
        return compact[0] & (PATH_ID_FLAG - 1);
    }

    private static long pathId(byte[] compact) {
        if ((compact[0] & PATH_ID_FLAG) == 0) {
            return Nlri.NO_PATH_ID;
        }
        return ((compact[1] & 0xffL) << 24) | ((compact[2] & 0xff) << 16) | ((compact[3] & 0xff) << 8)
                | (compact[4] & 0xff);
    }

    /** Where the family's own bytes start: after the header and the route type, or the AFI/SAFI of another family. */
    private static int valueOffset(byte[] compact) {
        int header = (compact[0] & PATH_ID_FLAG) == 0 ? 1 : 5;
        return switch (family(compact)) {
            case L2VPN_EVPN -> header + 1;
            case OTHER_FAMILY -> header + 3;
            default -> header;
        };
    }

    private static ByteBuf buffer(int length) {
        return Unpooled.wrappedBuffer(new byte[length]).writerIndex(0);
    }

    private static void writeHeader(ByteBuf out, int family, long pathId) {
        if (pathId == Nlri.NO_PATH_ID) {
            out.writeByte(family);
        } else {
            out.writeByte(family | PATH_ID_FLAG).writeInt((int) pathId);
        }
    }

    private static byte[] addressBytes(IpAddress address) {
        ByteBuf b = Unpooled.buffer(16);
        if (address.v6()) {
            b.writeLong(address.high()).writeLong(address.low());
        } else {
            b.writeInt((int) address.low());
        }
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }
}
