package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.proto.kafka.Topics;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.BmpEvent;
import io.openpe.route.v1.EvpnRoute;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real session pipeline in memory (EmbeddedChannel): a full publish queue stops reading, a drained one resumes. */
class BackPressureTest {

    @Test
    void fullQueuePausesTheSocketUntilHalfOfItHasDrained() throws Exception {
        PublishQueue queue = new PublishQueue(4);
        Routers routers = new Routers("lab", queue);
        EmbeddedChannel channel = EmbeddedSession.of(routers, new SimpleMeterRegistry(), queue,
                Duration.ofSeconds(1), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        // Session up, peer up, the route, its tombstone: four records reach the high watermark of 4.
        channel.writeInbound(Unpooled.wrappedBuffer(BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP,
                BmpStream.ANNOUNCE, BmpStream.WITHDRAW)));
        assertEquals(4, queue.size());
        assertFalse(channel.config().isAutoRead(), "reading stops while the queue is full");

        Outbound sessionUp = queue.take(1, 1, TimeUnit.SECONDS).getFirst();
        assertEquals(Topics.BMP_EVENTS, sessionUp.topic());
        assertTrue(((BmpEvent) sessionUp.value()).hasSessionUp());
        channel.runPendingTasks();
        assertFalse(channel.config().isAutoRead(), "3 records are still above the low watermark of 2");

        Outbound peerUp = queue.take(1, 1, TimeUnit.SECONDS).getFirst();
        assertTrue(((BmpEvent) peerUp.value()).hasPeerUp());
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "reading resumes at the low watermark");

        Outbound route = queue.take(1, 1, TimeUnit.SECONDS).getFirst();
        Outbound tombstone = queue.take(1, 1, TimeUnit.SECONDS).getFirst();
        assertEquals(Topics.EVPN_ROUTES, route.topic());
        assertEquals("aa:bb:cc:00:00:01", ((EvpnRoute) route.value()).getMac());
        assertEquals(route.key(), tombstone.key());
        assertNull(tombstone.value());
        assertEquals(1, queue.pauses());
        channel.finishAndReleaseAll();
    }
}
