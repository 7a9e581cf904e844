package io.openpe.route.session;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import jdk.net.ExtendedSocketOptions;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.openpe.route.bmp.AddPathMode;
import io.openpe.route.bmp.BmpFraming;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.cluster.BmpAllowlist;
import io.openpe.route.publish.KafkaPublisher;
import io.openpe.route.publish.PlanConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.openpe.route.config.RouteServiceConfig;
import org.jboss.logging.Logger;

/**
 * The BMP collector's TCP server (RFC 7854 §3.2: the router connects to the collector). Each connection gets its own
 * pipeline: a {@link LengthFieldBasedFrameDecoder} set from {@link BmpFraming}, which rejects an oversize frame before
 * buffering it (STYLE rule 11), then a {@link RouterSession}.
 */
@ApplicationScoped
public class BmpServer {

    private static final Logger LOG = Logger.getLogger(BmpServer.class);

    /** Refused addresses already logged: each is logged once (bounded, so a scan cannot grow it without end). */
    private static final int LOGGED_REFUSALS = 10_000;

    private final Routers routers;
    private final BmpAllowlist allowlist;
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();
    private final SessionMetrics metrics;
    private final KafkaPublisher publisher;
    private final String host;
    private final int port;
    private final int threads;
    private final AddPathMode addPathMode;
    private final Duration resyncGrace;
    private final Optional<Path> captureDirectory;
    private final Duration idleTimeout;
    private final Keepalive keepalive;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup acceptor;
    private EventLoopGroup workers;
    private Channel server;

    @Inject
    public BmpServer(Routers routers, SessionMetrics metrics, KafkaPublisher publisher, PlanConsumer plans,
            RouteServiceConfig.Bmp bmp) {
        this.routers = routers;
        this.allowlist = new BmpAllowlist(BmpAllowlist.parseCidrs(bmp.allowedCidrs()), plans.routerClusters());
        this.metrics = metrics;
        this.publisher = publisher;
        this.host = bmp.host();
        this.port = bmp.port();
        this.threads = bmp.threads();
        this.addPathMode = AddPathMode.valueOf(bmp.addPath().toUpperCase(java.util.Locale.ROOT));
        this.resyncGrace = bmp.resyncGrace();
        this.captureDirectory = bmp.captureDirectory();
        this.idleTimeout = bmp.idleTimeout();
        // Ranges checked at start (RouteServiceConfig.check).
        this.keepalive = new Keepalive((int) bmp.keepaliveIdle().toSeconds(), (int) bmp.keepaliveInterval().toSeconds(),
                bmp.keepaliveCount());
    }

    /** TCP keepalive of every BMP connection (Linux TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT). */
    record Keepalive(int idleSeconds, int intervalSeconds, int count) {
    }

    void start(@Observes StartupEvent event) throws InterruptedException {
        acceptor = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(threads);
        server = new ServerBootstrap().group(acceptor, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A router that vanishes (power, link, a half-open connection after a crash) answers no probe: the
                // kernel ends the connection after idle + interval x count, and its routes follow (DESIGN.md).
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), keepalive.idleSeconds())
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), keepalive.intervalSeconds())
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), keepalive.count())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (refused(channel)) {
                            return;
                        }
                        channels.add(channel);
                        captureDirectory.ifPresent(dir -> channel.pipeline().addLast("bmp-capture",
                                new StreamRecorder(dir.resolve(channel.remoteAddress().getAddress().getHostAddress()
                                        + ".bin"))));
                        if (!idleTimeout.isZero()) {
                            channel.pipeline().addLast("bmp-idle", new IdleStateHandler(idleTimeout.toMillis(), 0, 0,
                                    java.util.concurrent.TimeUnit.MILLISECONDS));
                        }
                        channel.pipeline().addLast("bmp-framing", new LengthFieldBasedFrameDecoder(
                                BmpFraming.MAX_FRAME_LENGTH, BmpFraming.LENGTH_FIELD_OFFSET,
                                BmpFraming.LENGTH_FIELD_LENGTH, BmpFraming.LENGTH_ADJUSTMENT,
                                BmpFraming.INITIAL_BYTES_TO_STRIP, true));
                        channel.pipeline().addLast("bmp-session", new RouterSession(routers, metrics,
                                publisher.queue(), new BmpSessionDecoder(EvpnNlriDecoder.withUnicast(), addPathMode),
                                resyncGrace, Clock.systemUTC()));
                    }
                })
                .bind(host, port).sync().channel();
        LOG.infof("BMP server listening on %s (ADD-PATH %s, re-sync grace %s, allowed: planned routers and %s, "
                + "idle timeout %s, %s)", server.localAddress(), addPathMode, resyncGrace, allowlist.cidrs(),
                idleTimeout.isZero() ? "off" : idleTimeout, keepalive);
    }

    /** Closes a connection from an address the allowlist does not know, before any byte of it is read. */
    private boolean refused(SocketChannel channel) {
        String address = channel.remoteAddress().getAddress().getHostAddress();
        Optional<String> reason = allowlist.refusal(address);
        if (reason.isEmpty()) {
            return false;
        }
        metrics.refused(reason.get());
        if (loggedRefusals.size() < LOGGED_REFUSALS && loggedRefusals.add(address)) {
            LOG.warnf("BMP connection from %s refused (%s): no node plan names it as router id or VTEP and no "
                    + "openpe.bmp.allowed-cidrs entry contains it; further refusals of it are only counted",
                    address, reason.get());
        }
        channel.close();
        return true;
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    void stop(@Observes ShutdownEvent event) {
        if (server == null) {
            return;
        }
        server.close().syncUninterruptibly();
        for (Channel channel : channels) {
            RouterSession session = channel.pipeline().get(RouterSession.class);
            if (session != null) {
                session.shuttingDown();
            }
        }
        channels.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
