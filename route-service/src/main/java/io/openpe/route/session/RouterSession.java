package io.openpe.route.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpMessage;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.bmp.DecodeCounters;
import io.openpe.route.bmp.Initiation;
import io.openpe.route.bmp.PeerDown;
import io.openpe.route.bmp.PeerUp;
import io.openpe.route.bmp.RouteMirroring;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.bmp.StatsReport;
import io.openpe.route.bmp.Termination;
import io.openpe.route.bmp.Unknown;
import io.openpe.route.publish.BmpEvents;
import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.rib.RouteChange;
import io.openpe.route.session.SessionMetrics.CloseReason;
import io.openpe.route.v1.BmpEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One BMP session (one TCP connection from one router), at the end of the pipeline after the frame decoder: frame →
 * {@link BmpSessionDecoder} → the router's RIB → Kafka. Runs on the channel's event loop. A fatal decoding error or a
 * framing error ends this session only, with a counted reason and one log line naming the router; a malformed message
 * that leaves the framing intact is counted and skipped. When the publish queue is full the session stops reading its
 * socket until the queue has drained.
 */
final class RouterSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RouterSession.class);

    private final Routers routers;
    private final SessionMetrics metrics;
    private final PublishQueue queue;
    private final BmpSessionDecoder decoder;
    private final Duration resyncGrace;
    private final Clock clock;
    private RouterState router;
    private volatile DecodeCounters counters = new DecodeCounters(0, 0, 0, 0, 0, 0, 0, 0);
    private CloseReason closeReason = CloseReason.CONNECTION_CLOSED;
    /** Set when a newer session from the same address took over: this one reads nothing more and leaves the RIB. */
    private volatile boolean replaced;
    private ChannelHandlerContext context;
    private String closeDetail = "";

    RouterSession(Routers routers, SessionMetrics metrics, PublishQueue queue, BmpSessionDecoder decoder,
            Duration resyncGrace, Clock clock) {
        this.routers = routers;
        this.metrics = metrics;
        this.queue = queue;
        this.decoder = decoder;
        this.resyncGrace = resyncGrace;
        this.clock = clock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SocketAddress remote = ctx.channel().remoteAddress();
        router = routers.router(remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress()
                : remote.toString());
        context = ctx;
        RouterSession previous = routers.opened(this, router);
        LOG.infof("BMP session of router %s opened from %s", router.address(), remote);
        if (previous != null) {
            // The router restarted its BMP session without the old TCP connection ending (half-open, or a second
            // `bmp connect` to this collector): the newest session is the router's, and it re-sends its tables.
            previous.replace(remote);
            sessionLost(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (replaced) {
            frame.release();
            return;
        }
        BmpDecodeResult result;
        try {
            result = decoder.decode(frame);
        } finally {
            frame.release();
        }
        metrics.message();
        switch (result) {
            case BmpDecodeResult.Decoded decoded -> handle(ctx, decoded.message());
            case BmpDecodeResult.Malformed malformed -> {
                metrics.malformed(malformed.messageType(), malformed.fatal());
                if (malformed.fatal()) {
                    close(ctx, CloseReason.MALFORMED_HEADER, malformed.reason());
                }
            }
        }
        counters = decoder.counters();
        pauseWhileQueueIsFull(ctx);
    }

    private void handle(ChannelHandlerContext ctx, BmpMessage message) {
        String cluster = router.cluster();
        String address = router.address();
        switch (message) {
            case Initiation init -> {
                init.sysName().ifPresent(name -> routers.update(router, r -> r.sysName(name)));
                event(BmpEvents.sessionUp(cluster, address, router.sysName(), init.sysDescr().orElse(""),
                        clock.instant()));
            }
            case PeerUp up -> {
                routers.identified(router, List.of(up.sentOpen().bgpId().toString(), up.localAddress().toString()));
                routers.update(router, r -> r.peerUp(up, clock.instant()));
                event(BmpEvents.peerUp(router.cluster(), address, router.sysName(), up, clock.instant()));
            }
            case PeerDown down -> {
                List<RouteChange> withdrawn = routers.change(router, r -> {
                    r.peerDown(down.peer().key());
                    return r.rib.peerDown(down.peer().key());
                }, clock.instant());
                event(BmpEvents.peerDown(cluster, address, router.sysName(), down, withdrawn.size(), clock.instant()));
            }
            case RouteMonitoring monitoring -> {
                Instant now = clock.instant();
                routers.change(router, r -> {
                    r.seen(monitoring.peer());
                    checkSoftReconfiguration(r, monitoring);
                    PostPolicyResync.Observed observed = r.postPolicyResync.observe(monitoring, r.rib);
                    if (observed.denied() > 0) {
                        metrics.denied(observed.denied());
                    }
                    if (observed.own() > 0) {
                        metrics.ownRoutes(observed.own());
                    }
                    if (observed.apply().size() == 1) {
                        return r.rib.apply(observed.apply().getFirst());
                    }
                    List<RouteChange> changes = new ArrayList<>();
                    for (RouteMonitoring m : observed.apply()) {
                        changes.addAll(r.rib.apply(m));
                    }
                    return changes;
                }, now);
                monitoring.update().endOfRib().ifPresent(family -> {
                    event(BmpEvents.endOfRib(cluster, address, router.sysName(), monitoring.peer(), family,
                            clock.instant()));
                    if (family.equals(AfiSafi.L2VPN_EVPN)) {
                        routers.endOfEvpnRib(router, monitoring.peer().key());
                    }
                });
            }
            case StatsReport stats -> event(BmpEvents.statistics(cluster, address, router.sysName(), stats,
                    clock.instant()));
            case Termination termination -> close(ctx, CloseReason.TERMINATION,
                    termination.reason().map(r -> "reason " + r).orElse("no reason"));
            case RouteMirroring _, Unknown _ -> {
                // Counted by the decoder; nothing to keep (RFC 7854 §4.1 says to ignore unknown types).
            }
        }
    }

    /**
     * Without {@code soft-reconfiguration inbound} FRR 8.4 keeps no Adj-RIB-In, and every pre-policy message is a
     * withdrawal (bmp_wrqueue finds no adj_in). Pre-policy withdrawals of routes never announced are counted; one of a
     * route the peer's post-policy view holds names router and peer in a warning, once per peer.
     */
    private void checkSoftReconfiguration(RouterState r, RouteMonitoring monitoring) {
        UnannouncedWithdrawals found = UnannouncedWithdrawals.of(r.rib, monitoring);
        if (found.count() == 0) {
            return;
        }
        metrics.unannouncedWithdrawals(EvpnRoutes.viewName(monitoring.peer().view()), found.count());
        if (found.heldPostPolicy() > 0 && r.softReconfigurationWarned.add(monitoring.peer().key())) {
            LOG.warnf("Router %s (%s) sends pre-policy withdrawals of routes its post-policy view of peer %s holds: "
                    + "is soft-reconfiguration inbound set for that neighbor?", r.address(), r.sysName(),
                    monitoring.peer().address());
        }
    }

    private void event(BmpEvent event) {
        queue.addAll(List.of(new Outbound(Topics.BMP_EVENTS, BmpEvents.key(router.cluster(), router.address()),
                event)));
    }

    private void pauseWhileQueueIsFull(ChannelHandlerContext ctx) {
        if (ctx.channel().config().isAutoRead() && queue.saturated()) {
            ctx.channel().config().setAutoRead(false);
            queue.whenDrained(() -> ctx.channel().eventLoop().execute(() -> ctx.channel().config().setAutoRead(true)));
        }
    }

    /** Closes this session because {@code newer} took over its router; safe from any thread. */
    private void replace(SocketAddress newer) {
        replaced = true;
        context.channel().eventLoop().execute(() -> close(context, CloseReason.REPLACED,
                "a newer session from " + newer + " took over"));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            if (!ctx.channel().config().isAutoRead()) {
                return;  // paused by us while the publish queue drains: the silence is ours, not the router's
            }
            close(ctx, CloseReason.IDLE_TIMEOUT, "nothing received for openpe.bmp.idle-timeout");
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        switch (cause) {
            case TooLongFrameException e -> close(ctx, CloseReason.OVERSIZE_FRAME, e.getMessage());
            case CorruptedFrameException e -> close(ctx, CloseReason.CORRUPT_FRAME, e.getMessage());
            // ETIMEDOUT on an established connection: keepalive probes or retransmissions went unanswered.
            case java.io.IOException e when "Connection timed out".equals(e.getMessage()) ->
                    close(ctx, CloseReason.TCP_TIMEOUT, e.getMessage());
            default -> close(ctx, CloseReason.IO_ERROR, String.valueOf(cause.getMessage()));
        }
    }

    private void close(ChannelHandlerContext ctx, CloseReason reason, String detail) {
        if (closeReason == CloseReason.CONNECTION_CLOSED) {
            closeReason = reason;
            closeDetail = detail;
        }
        ctx.close();
    }

    /** Marks the shutdown reason before the server closes every channel. */
    void shuttingDown() {
        if (closeReason == CloseReason.CONNECTION_CLOSED) {
            closeReason = CloseReason.SHUTDOWN;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        routers.closed(this, router);
        metrics.closed(closeReason);
        DecodeCounters seen = decoder.counters();
        String detail = closeDetail.isEmpty() ? "" : ": " + closeDetail;
        if (closeReason == CloseReason.CONNECTION_CLOSED || closeReason == CloseReason.TERMINATION
                || closeReason == CloseReason.SHUTDOWN) {
            LOG.infof("BMP session of router %s (%s) ended, %s%s, after %d messages", router.address(),
                    router.sysName(), closeReason.tag(), detail, seen.messages());
        } else {
            LOG.warnf("BMP session of router %s (%s) closed, %s%s, after %d messages", router.address(),
                    router.sysName(), closeReason.tag(), detail, seen.messages());
        }
        if (!replaced) {
            sessionLost(ctx);
        }
        event(BmpEvents.sessionDown(router.cluster(), router.address(), router.sysName(),
                closeReason.tag() + detail, seen.messages(), clock.instant()));
        super.channelInactive(ctx);
    }

    /**
     * Keeps the router's routes, marked stale, for the re-sync grace time: a reconnect that re-advertises them
     * publishes nothing, and whatever is still stale then is withdrawn (AdjRibIn's re-sync contract).
     */
    private void sessionLost(ChannelHandlerContext ctx) {
        RouterState state = router;
        routers.update(state, r -> {
            r.sessionLost();
            if (r.staleSweep != null) {
                r.staleSweep.cancel(false);
            }
            try {
                r.staleSweep = ctx.channel().eventLoop().parent().schedule(
                        () -> routers.change(state, s -> s.rib.withdrawStale(), clock.instant()),
                        resyncGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The server is stopping: the routes die with the process, and Kafka keeps their last state.
                r.staleSweep = null;
            }
        });
    }

    SessionStatus status() {
        DecodeCounters c = counters;
        RouterState r = router;
        return new SessionStatus(r.address(), r.cluster(), r.sysName(), c.messages(), r.routeCount(), c.malformed(),
                r.upPeers());
    }
}
