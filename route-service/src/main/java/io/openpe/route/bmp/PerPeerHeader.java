package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.RouteDistinguisher;
import io.openpe.route.wire.Wire;

/**
 * The 42-byte per-peer header (RFC 7854 §4.2): peer type (1), flags (1), peer distinguisher (8), peer address (16),
 * peer AS (4), peer BGP id (4), timestamp seconds (4) and microseconds (4).
 */
public record PerPeerHeader(int peerType, int flags, RouteDistinguisher distinguisher, IpAddress address, long asn,
                            IpAddress bgpId, long timestampSeconds, long timestampMicros) {

    public static final int LENGTH = 42;

    public static final int GLOBAL_INSTANCE = 0;
    public static final int RD_INSTANCE = 1;
    public static final int LOCAL_INSTANCE = 2;
    /** RFC 9069 §4.1. */
    public static final int LOC_RIB_INSTANCE = 3;

    /** V: the peer address is IPv6 (RFC 7854 §4.2). */
    public static final int FLAG_V = 0x80;
    /** L: post-policy Adj-RIB (RFC 7854 §4.2). */
    public static final int FLAG_L = 0x40;
    /** A: AS_PATH uses the legacy 2-byte format (RFC 7854 §4.2). */
    public static final int FLAG_A = 0x20;
    /** O: Adj-RIB-Out (RFC 8671 §4). */
    public static final int FLAG_O = 0x10;
    /** F: Loc-RIB is filtered (RFC 9069 §4.2), only for peer type 3; it shares the bit of V. */
    public static final int FLAG_F = 0x80;

    public static PerPeerHeader read(ByteBuf buf) {
        Wire.need(buf, LENGTH, "BMP per-peer header");
        int peerType = buf.readUnsignedByte();
        int flags = buf.readUnsignedByte();
        RouteDistinguisher distinguisher = new RouteDistinguisher(buf.readLong());
        // V flag meaning does not apply to Loc-RIB (its bit is F there); an IPv4 address sits in the last 4 bytes.
        boolean v6 = peerType != LOC_RIB_INSTANCE && (flags & FLAG_V) != 0;
        IpAddress address;
        if (v6) {
            address = IpAddress.readV6(buf, "peer address");
        } else {
            buf.skipBytes(12);
            address = IpAddress.readV4(buf, "peer address");
        }
        long asn = buf.readUnsignedInt();
        IpAddress bgpId = IpAddress.readV4(buf, "peer BGP id");
        return new PerPeerHeader(peerType, flags, distinguisher, address, asn, bgpId, buf.readUnsignedInt(),
                buf.readUnsignedInt());
    }

    public PeerKey key() {
        return new PeerKey(peerType, distinguisher, address);
    }

    public boolean isLocRib() {
        return peerType == LOC_RIB_INSTANCE;
    }

    public boolean ipv6() {
        return !isLocRib() && (flags & FLAG_V) != 0;
    }

    public boolean postPolicy() {
        return !isLocRib() && (flags & FLAG_L) != 0;
    }

    public boolean twoByteAsPath() {
        return !isLocRib() && (flags & FLAG_A) != 0;
    }

    public boolean adjRibOut() {
        return !isLocRib() && (flags & FLAG_O) != 0;
    }

    /** RFC 9069 §4.2 F flag: the Loc-RIB is filtered (only meaningful for peer type 3). */
    public boolean filtered() {
        return isLocRib() && (flags & FLAG_F) != 0;
    }

    public RibView view() {
        if (isLocRib()) {
            return RibView.LOC_RIB;
        }
        if (adjRibOut()) {
            return postPolicy() ? RibView.ADJ_RIB_OUT_POST_POLICY : RibView.ADJ_RIB_OUT_PRE_POLICY;
        }
        return postPolicy() ? RibView.ADJ_RIB_IN_POST_POLICY : RibView.ADJ_RIB_IN_PRE_POLICY;
    }

    /**
     * FRR 8.4 sends the router's own routes as a post-policy peer with address 0.0.0.0 and AS 0 (DESIGN §6) rather
     * than as an RFC 9069 Loc-RIB peer; the RIB and publisher mark these as local routes.
     */
    public boolean isFrrLocalRoutes() {
        return peerType != LOC_RIB_INSTANCE && address.isUnspecified() && asn == 0;
    }
}
