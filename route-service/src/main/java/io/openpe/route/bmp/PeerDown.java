package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.BgpNotification;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Octets;
import io.openpe.route.wire.Wire;

/**
 * Peer Down (RFC 7854 §4.9). Reasons: 1 local system closed with a NOTIFICATION (data: the PDU), 2 local system closed
 * without one (data: 2-byte FSM event code), 3 remote closed with a NOTIFICATION (data: the PDU), 4 remote closed
 * without data, 5 peer de-configured (no data); RFC 9069 §4.6 adds 6 for Loc-RIB (data: TLVs). Data of reasons we do
 * not type is kept raw.
 *
 * @param notification the NOTIFICATION for reasons 1 and 3, else null
 * @param fsmEventCode the FSM event for reason 2, else -1
 * @param data         the raw data for reasons other than 1, 2 and 3 (empty when none)
 */
public record PeerDown(PerPeerHeader peer, int reason, BgpNotification notification, int fsmEventCode, Octets data)
        implements BmpMessage {

    public static final int LOCAL_NOTIFICATION = 1;
    public static final int LOCAL_NO_NOTIFICATION = 2;
    public static final int REMOTE_NOTIFICATION = 3;
    public static final int REMOTE_NO_DATA = 4;
    public static final int PEER_DECONFIGURED = 5;

    static PeerDown decode(PerPeerHeader peer, ByteBuf body) {
        int reason = Wire.u8(body, "Peer Down reason");
        return switch (reason) {
            case LOCAL_NOTIFICATION, REMOTE_NOTIFICATION -> {
                BgpNotification n = BgpNotification.decodeMessage(body, "Peer Down reason " + reason + " NOTIFICATION");
                Wire.expectEnd(body, "Peer Down");
                yield new PeerDown(peer, reason, n, -1, Octets.EMPTY);
            }
            case LOCAL_NO_NOTIFICATION -> {
                int event = Wire.u16(body, "Peer Down FSM event code");
                Wire.expectEnd(body, "Peer Down");
                yield new PeerDown(peer, reason, null, event, Octets.EMPTY);
            }
            case REMOTE_NO_DATA, PEER_DECONFIGURED -> {
                if (body.isReadable()) {
                    throw new DecodeException("Peer Down reason " + reason + ": carries no data, has "
                            + body.readableBytes() + " bytes");
                }
                yield new PeerDown(peer, reason, null, -1, Octets.EMPTY);
            }
            default -> new PeerDown(peer, reason, null, -1, Wire.octets(body, body.readableBytes(), "Peer Down data"));
        };
    }

    @Override
    public int type() {
        return PEER_DOWN;
    }
}
