package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.openpe.route.api.RouteGrpcService;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.publish.PublishQueue;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.WatchMacRequest;
import io.openpe.route.v1.WatchMacResponse;
import io.openpe.route.v1.WatchRoutesRequest;
import io.openpe.route.v1.WatchRoutesResponse;
import io.openpe.route.wire.Hex;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * WatchMac and WatchRoutes over a real gRPC channel (Netty, loopback), fed by a real session pipeline
 * (EmbeddedChannel): a MAC move reaches the watcher; a client that never reads is cut off and ingestion goes on.
 */
class WatchStreamsTest {

    private static final String PRE = BmpEncoding.globalPeer(0x00);
    /** aa:bb:cc:00:00:07 under RD 10.0.0.1:2 (the old VTEP's) and RD 10.0.0.2:2 (the new VTEP's). */
    private static final String AT_OLD_VTEP = MacRouteFrames.nlri("0a000001", 0xcc000007);
    private static final String AT_NEW_VTEP = MacRouteFrames.nlri("0a000002", 0xcc000007);
    private static final int CLIENT_BUFFER = 1000;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Routers routers = new Routers("lab", new PublishQueue(10_000_000));
    private final EmbeddedChannel session = EmbeddedSession.of(routers, registry, new PublishQueue(10_000_000),
            Duration.ofSeconds(30), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final Server server;
    private final ManagedChannel channel;

    WatchStreamsTest() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new RouteGrpcService(routers, registry, CLIENT_BUFFER)).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        session.finishAndReleaseAll();
    }

    private void write(String... frames) {
        session.writeInbound(Unpooled.wrappedBuffer(Hex.bytes(frames)));
    }

    @Test
    void aWatcherSeesTheMacMoveToTheNewVtepWithTheHigherSequence() {
        write(BmpStream.INITIATION, BmpStream.PEER_UP,
                MacRouteFrames.announce(PRE, AT_OLD_VTEP, "0a000001", 3, false));
        var updates = RouteServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .watchMac(WatchMacRequest.newBuilder().setVni(110).setMac("AA:BB:CC:00:00:07").build());
        WatchMacResponse first = updates.next();
        assertEquals("10.0.0.1", first.getLocation().getVtep());
        assertEquals(3, first.getLocation().getMobilitySequence());

        // RFC 7432 §15: the MAC reappears behind VTEP 10.0.0.2 with sequence 4, then the old VTEP withdraws.
        write(MacRouteFrames.announce(PRE, AT_NEW_VTEP, "0a000002", 4, false), MacRouteFrames.withdraw(PRE,
                AT_OLD_VTEP));
        WatchMacResponse moved = updates.next();
        assertEquals("10.0.0.2", moved.getLocation().getVtep());
        assertEquals(4, moved.getLocation().getMobilitySequence());
        assertEquals("192.168.0.2", moved.getLocation().getPeer());

        // The old route's withdrawal changed nothing; the next update is the last route going: no location.
        write(MacRouteFrames.withdraw(PRE, AT_NEW_VTEP));
        assertFalse(updates.next().hasLocation());
    }

    @Test
    void aWatchOfAnUnknownMacStartsWithoutALocationAndGetsOneWhenTheMacIsLearned() {
        var updates = RouteServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .watchMac(WatchMacRequest.newBuilder().setVni(110).setMac("aa:bb:cc:00:00:07").build());
        assertFalse(updates.next().hasLocation());
        write(BmpStream.INITIATION, BmpStream.PEER_UP,
                MacRouteFrames.announce(PRE, AT_OLD_VTEP, "0a000001", 0, false));
        assertEquals("10.0.0.1", updates.next().getLocation().getVtep());
    }

    @Test
    void aClientThatNeverReadsIsCutOffAndIngestionGoesOn() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP);
        // A call that asks for no message: gRPC flow control stops the server's sends once the windows are full.
        ClientCall<WatchRoutesRequest, WatchRoutesResponse> call = channel.newCall(
                RouteServiceGrpc.getWatchRoutesMethod(), CallOptions.DEFAULT);
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(WatchRoutesResponse message) {
                received.incrementAndGet();
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.sendMessage(WatchRoutesRequest.getDefaultInstance());
        call.halfClose();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("openpe.watch.streams")
                .tag("rpc", "watch-routes").gauge().value() == 1);

        int routes = 100_000;
        for (int i = 0; i < routes; i++) {
            write(MacRouteFrames.announce(PRE, MacRouteFrames.nlri("0a000001", i), "0a000001", 0, false));
        }
        // Every route went through the session while the client read nothing.
        assertEquals(routes, routers.macRoutesIndexed());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("openpe.watch.cut.off")
                .tag("rpc", "watch-routes").counter().count() == 1);
        assertEquals(0, registry.find("openpe.watch.streams").tag("rpc", "watch-routes").gauge().value());

        // The client reads now: what the transport still held, then the status naming the reason.
        call.request(Integer.MAX_VALUE);
        Status status = closed.get(30, TimeUnit.SECONDS);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
        assertTrue(status.getDescription().contains("read too slowly"), status.getDescription());
        assertTrue(received.get() < routes, received.get() + " updates reached the client");
        // Ingestion goes on after the cut-off.
        write(MacRouteFrames.announce(PRE, MacRouteFrames.nlri("0a000001", routes), "0a000001", 0, false));
        assertEquals(routes + 1, routers.macRoutesIndexed());
    }

    /**
     * Issue 10: many stalled WatchRoutes clients at once neither block nor slow the session to a stop: every route
     * goes through while 20 clients read nothing, each is cut off on its own, and the session still ingests after.
     */
    @Test
    void twentyClientsThatNeverReadDoNotHoldUpTheSession() throws Exception {
        write(BmpStream.INITIATION, BmpStream.PEER_UP);
        int clients = 20;
        java.util.List<CompletableFuture<Status>> closings = new java.util.ArrayList<>();
        java.util.List<ClientCall<WatchRoutesRequest, WatchRoutesResponse>> calls = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ClientCall<WatchRoutesRequest, WatchRoutesResponse> call = channel.newCall(
                    RouteServiceGrpc.getWatchRoutesMethod(), CallOptions.DEFAULT);
            CompletableFuture<Status> closed = new CompletableFuture<>();
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.complete(status);
                }
            }, new Metadata());
            call.sendMessage(WatchRoutesRequest.getDefaultInstance());
            call.halfClose();
            calls.add(call);
            closings.add(closed);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("openpe.watch.streams")
                .tag("rpc", "watch-routes").gauge().value() == clients);

        int routes = 20_000;
        for (int i = 0; i < routes; i++) {
            write(MacRouteFrames.announce(PRE, MacRouteFrames.nlri("0a000001", i), "0a000001", 0, false));
        }
        assertEquals(routes, routers.macRoutesIndexed(), "every route went through while no client read");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> registry.find("openpe.watch.cut.off")
                .tag("rpc", "watch-routes").counter().count() == clients);
        assertEquals(0, registry.find("openpe.watch.streams").tag("rpc", "watch-routes").gauge().value());
        for (int c = 0; c < clients; c++) {
            calls.get(c).request(Integer.MAX_VALUE);
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, closings.get(c).get(30, TimeUnit.SECONDS).getCode());
        }
        write(MacRouteFrames.announce(PRE, MacRouteFrames.nlri("0a000001", routes), "0a000001", 0, false));
        assertEquals(routes + 1, routers.macRoutesIndexed());
    }
}
