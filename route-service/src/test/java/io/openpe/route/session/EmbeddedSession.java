package io.openpe.route.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.openpe.route.bmp.AddPathMode;
import io.openpe.route.bmp.BmpFraming;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.publish.PublishQueue;
import java.time.Clock;
import java.time.Duration;

/** The pipeline a BMP connection gets (frame decoder, RouterSession) on an EmbeddedChannel: no socket, no thread. */
final class EmbeddedSession {

    private EmbeddedSession() {
    }

    static EmbeddedChannel of(Routers routers, MeterRegistry registry, PublishQueue queue, Duration resyncGrace,
            Clock clock) {
        return new EmbeddedChannel(
                new LengthFieldBasedFrameDecoder(BmpFraming.MAX_FRAME_LENGTH, BmpFraming.LENGTH_FIELD_OFFSET,
                        BmpFraming.LENGTH_FIELD_LENGTH, BmpFraming.LENGTH_ADJUSTMENT,
                        BmpFraming.INITIAL_BYTES_TO_STRIP, true),
                new RouterSession(routers, new SessionMetrics(registry, routers), queue,
                        new BmpSessionDecoder(EvpnNlriDecoder.withUnicast(), AddPathMode.NEVER), resyncGrace, clock));
    }

    /** The same pipeline on a channel whose remote address is {@code router} (the router's identity). */
    static EmbeddedChannel from(String router, Routers routers, MeterRegistry registry, PublishQueue queue,
            Duration resyncGrace, Clock clock) {
        java.net.InetSocketAddress remote = new java.net.InetSocketAddress(router, 45000);
        return new EmbeddedChannel(
                new LengthFieldBasedFrameDecoder(BmpFraming.MAX_FRAME_LENGTH, BmpFraming.LENGTH_FIELD_OFFSET,
                        BmpFraming.LENGTH_FIELD_LENGTH, BmpFraming.LENGTH_ADJUSTMENT,
                        BmpFraming.INITIAL_BYTES_TO_STRIP, true),
                new RouterSession(routers, new SessionMetrics(registry, routers), queue,
                        new BmpSessionDecoder(EvpnNlriDecoder.withUnicast(), AddPathMode.NEVER), resyncGrace, clock)) {
            @Override
            protected java.net.SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }
}
