package io.openpe.route.bmp;

import io.netty.buffer.ByteBuf;
import io.openpe.route.bgp.BgpUpdate;
import io.openpe.route.bgp.DecodingContext;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bgp.NlriDecoders;
import io.openpe.route.bgp.UnknownNlri;
import io.openpe.route.bgp.UpdateDecoder;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.evpn.UnknownEvpnRoute;
import io.openpe.route.wire.DecodeException;
import io.openpe.route.wire.Wire;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the frames of one BMP session into messages (pure: no socket, no clock, no logging). It remembers, per peer,
 * the decoding context its Peer Up negotiated, and applies it to that peer's Route Monitoring. One instance per TCP
 * session, used from one thread.
 *
 * <p>Context rule: Route Monitoring of a peer is decoded with the context its latest Peer Up negotiated
 * ({@link PeerUp#decodingContext(boolean)}); without a Peer Up (or after a Peer Down) the RFC 7854 defaults apply:
 * 4-byte AS numbers and no path ids. The per-peer A flag, when set, forces 2-byte AS numbers (RFC 7854 §4.2 makes
 * the flag describe the message as encoded). With {@link AddPathMode#NEVER} path ids are never expected.
 */
public final class BmpSessionDecoder {

    private record Negotiated(DecodingContext adjRibIn, DecodingContext adjRibOut) {
    }

    private final UpdateDecoder updateDecoder;
    private final AddPathMode addPathMode;
    private final Map<PeerKey, Negotiated> contexts = new HashMap<>();

    private long messages;
    private long malformed;
    private long unknownMessageTypes;
    private long unknownAttributes;
    private long unknownNlri;
    private long skippedStatistics;
    private long routesAnnounced;
    private long routesWithdrawn;

    public BmpSessionDecoder(NlriDecoders nlriDecoders, AddPathMode addPathMode) {
        this.updateDecoder = new UpdateDecoder(nlriDecoders);
        this.addPathMode = addPathMode;
    }

    /** IPv4/IPv6 unicast and EVPN, path ids as negotiated. */
    public static BmpSessionDecoder standard() {
        return new BmpSessionDecoder(EvpnNlriDecoder.withUnicast(), AddPathMode.NEGOTIATED);
    }

    /**
     * Decodes one complete frame (common header included, exactly one message). Never throws for bad bytes: a
     * malformed frame comes back as {@link BmpDecodeResult.Malformed}.
     */
    public BmpDecodeResult decode(ByteBuf frame) {
        messages++;
        int start = frame.readerIndex();
        int available = frame.readableBytes();
        if (available < BmpFraming.COMMON_HEADER_LENGTH) {
            return malformed(-1, "BMP common header: need at least 6 bytes, have " + available, true);
        }
        int version = frame.getUnsignedByte(start);
        long length = frame.getUnsignedInt(start + 1);
        int type = frame.getUnsignedByte(start + 5);
        if (version != BmpFraming.VERSION) {
            return malformed(type, "BMP version " + version + " is not 3", true);
        }
        if (length != available) {
            return malformed(type, "BMP message length " + length + " does not match the frame's " + available
                    + " bytes", true);
        }
        ByteBuf body = frame.slice(start + BmpFraming.COMMON_HEADER_LENGTH, available - BmpFraming.COMMON_HEADER_LENGTH);
        frame.skipBytes(available);
        try {
            return new BmpDecodeResult.Decoded(decodeBody(type, body));
        } catch (DecodeException e) {
            return malformed(type, e.reason(), false);
        }
    }

    private BmpMessage decodeBody(int type, ByteBuf body) {
        switch (type) {
            case BmpMessage.INITIATION:
                return Initiation.decode(body);
            case BmpMessage.TERMINATION:
                return Termination.decode(body);
            case BmpMessage.ROUTE_MONITORING:
            case BmpMessage.STATISTICS_REPORT:
            case BmpMessage.PEER_DOWN:
            case BmpMessage.PEER_UP:
            case BmpMessage.ROUTE_MIRRORING:
                return decodePeerMessage(type, PerPeerHeader.read(body), body);
            default:
                unknownMessageTypes++;
                return new Unknown(type, Wire.octets(body, body.readableBytes(), "BMP message type " + type));
        }
    }

    private BmpMessage decodePeerMessage(int type, PerPeerHeader peer, ByteBuf body) {
        return switch (type) {
            case BmpMessage.ROUTE_MONITORING -> routeMonitoring(peer, body);
            case BmpMessage.STATISTICS_REPORT -> {
                StatsReport report = StatsReport.decode(peer, body);
                skippedStatistics += report.skippedTypes().size();
                yield report;
            }
            case BmpMessage.PEER_DOWN -> {
                PeerDown down = PeerDown.decode(peer, body);
                contexts.remove(peer.key());
                yield down;
            }
            case BmpMessage.PEER_UP -> {
                PeerUp up = PeerUp.decode(peer, body);
                contexts.put(peer.key(), new Negotiated(up.decodingContext(false), up.decodingContext(true)));
                yield up;
            }
            default -> RouteMirroring.decode(peer, body);
        };
    }

    private RouteMonitoring routeMonitoring(PerPeerHeader peer, ByteBuf body) {
        BgpUpdate update = updateDecoder.decodeMessage(body, contextFor(peer));
        Wire.expectEnd(body, "Route Monitoring after the UPDATE");
        List<Nlri> announced = update.announced();
        List<Nlri> withdrawn = update.withdrawn();
        routesAnnounced += announced.size();
        routesWithdrawn += withdrawn.size();
        unknownAttributes += update.attributes().unknownCount();
        unknownNlri += countUnknown(announced) + countUnknown(withdrawn);
        return new RouteMonitoring(peer, update);
    }

    /** The decoding context for a Route Monitoring message of {@code peer} (see the class comment for the rule). */
    DecodingContext contextFor(PerPeerHeader peer) {
        Negotiated negotiated = contexts.get(peer.key());
        DecodingContext context = negotiated == null
                ? DecodingContext.DEFAULT
                : peer.adjRibOut() ? negotiated.adjRibOut() : negotiated.adjRibIn();
        if (peer.twoByteAsPath() && context.fourByteAsn()) {
            context = context.withFourByteAsn(false);
        }
        if (addPathMode == AddPathMode.NEVER && !context.addPath().isEmpty()) {
            context = context.withoutAddPath();
        }
        return context;
    }

    private static int countUnknown(List<Nlri> routes) {
        int n = 0;
        for (Nlri r : routes) {
            if (r instanceof UnknownNlri || r instanceof UnknownEvpnRoute) {
                n++;
            }
        }
        return n;
    }

    private BmpDecodeResult malformed(int type, String reason, boolean fatal) {
        malformed++;
        return new BmpDecodeResult.Malformed(type, reason, fatal);
    }

    public DecodeCounters counters() {
        return new DecodeCounters(messages, malformed, unknownMessageTypes, unknownAttributes, unknownNlri,
                skippedStatistics, routesAnnounced, routesWithdrawn);
    }
}
