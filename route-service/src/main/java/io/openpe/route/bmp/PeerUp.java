package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.BgpOpen;
import io.openpe.route.bgp.DecodingContext;
import io.openpe.route.wire.IpAddress;
import io.openpe.route.wire.Wire;
import java.util.List;

/**
 * Peer Up (RFC 7854 §4.10): per-peer header, local address (16), local port (2), remote port (2), the OPEN the
 * monitored router sent, the OPEN it received from the peer, then optional information TLVs.
 */
public record PeerUp(PerPeerHeader peer, IpAddress localAddress, int localPort, int remotePort, BgpOpen sentOpen,
                     BgpOpen receivedOpen, List<InformationTlv> information) implements BmpMessage {

    public PeerUp {
        information = List.copyOf(information);
    }

    static PeerUp decode(PerPeerHeader peer, ByteBuf body) {
        Wire.need(body, 20, "Peer Up local address and ports");
        IpAddress local;
        if (peer.ipv6()) {
            local = IpAddress.readV6(body, "Peer Up local address");
        } else {
            body.skipBytes(12);
            local = IpAddress.readV4(body, "Peer Up local address");
        }
        int localPort = body.readUnsignedShort();
        int remotePort = body.readUnsignedShort();
        BgpOpen sent = BgpOpen.decodeMessage(body, "Peer Up sent OPEN");
        BgpOpen received = BgpOpen.decodeMessage(body, "Peer Up received OPEN");
        return new PeerUp(peer, local, localPort, remotePort, sent, received,
                InformationTlv.readAll(body, "Peer Up information"));
    }

    @Override
    public int type() {
        return PEER_UP;
    }

    /**
     * The context of the UPDATEs monitored for this peer. Adj-RIB-In holds what the peer sent to the router, so the
     * peer (received OPEN) is the speaker and the router (sent OPEN) the receiver; Adj-RIB-Out (RFC 8671) is the
     * reverse. For Loc-RIB both OPENs are the same fabricated one (RFC 9069 §5.3), so the order does not matter.
     */
    public DecodingContext decodingContext(boolean adjRibOut) {
        return adjRibOut
                ? DecodingContext.forUpdatesFrom(sentOpen, receivedOpen)
                : DecodingContext.forUpdatesFrom(receivedOpen, sentOpen);
    }
}
