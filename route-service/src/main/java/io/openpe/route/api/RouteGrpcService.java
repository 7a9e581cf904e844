package io.openpe.route.api;

import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.publish.Outbound;
import io.openpe.route.publish.RecentChanges;
import io.openpe.route.session.Routers;
import io.openpe.route.session.SessionStatus;
import io.openpe.route.v1.BmpSession;
import io.openpe.route.v1.EvpnRoute;
import io.openpe.route.v1.ListRoutesRequest;
import io.openpe.route.v1.ListRoutesResponse;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.ListSessionsResponse;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.LocateMacResponse;
import io.openpe.route.v1.RouteFilter;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.WatchMacRequest;
import io.openpe.route.v1.WatchMacResponse;
import io.openpe.route.v1.WatchRoutesRequest;
import io.openpe.route.v1.WatchRoutesResponse;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.rules.MacAddress;
import io.openpe.rules.NumberRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import io.openpe.route.config.RouteServiceConfig;

/**
 * RouteService over gRPC. ListRoutes and WatchRoutes' dump read copies of the routers' RIBs ({@link Routers#routes()});
 * LocateMac and WatchMac read the MAC index ({@link Routers#locateMac}); nothing here decodes bytes or writes a RIB.
 * Routes carry no receive time here (the RIB does not keep one); Kafka records do.
 *
 * <p>Streams never make ingestion wait: updates go into a bounded per-call {@link ClientOutlet} and are sent as the
 * client reads. A WatchRoutes client more than {@code openpe.watch.client-buffer} updates behind is cut off with
 * RESOURCE_EXHAUSTED (it resumes with its last token, or starts over); a WatchMac client that reads slowly skips to
 * the latest location.
 */
@GrpcService
public class RouteGrpcService extends RouteServiceGrpc.RouteServiceImplBase {

    static final String WATCH_ROUTES = "watch-routes";
    static final String WATCH_MAC = "watch-mac";
    /** WatchMac sends only the latest location: one waiting update is enough. */
    private static final int MAC_BUFFER = 1;

    private final Routers routers;
    private final int clientBuffer;
    /** Drain tasks of the streams: short, one per stream at a time. */
    private final ExecutorService drains = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("openpe-watch-", 0).factory());
    private final Counter routesCutOff;
    private final AtomicInteger routeStreams = new AtomicInteger();
    private final AtomicInteger macStreams = new AtomicInteger();
    /** Tells tokens of this service instance from those of an earlier one (whose sequences meant other records). */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    public RouteGrpcService(Routers routers, MeterRegistry registry, RouteServiceConfig.Watch watch) {
        this(routers, registry, watch.clientBuffer());
    }

    public RouteGrpcService(Routers routers, MeterRegistry registry, int clientBuffer) {
        this.routers = routers;
        this.clientBuffer = clientBuffer;
        this.routesCutOff = Counter.builder("openpe.watch.cut.off").tag("rpc", WATCH_ROUTES)
                .description("watch streams ended because their client read too slowly").register(registry);
        Gauge.builder("openpe.watch.streams", routeStreams, AtomicInteger::get).tag("rpc", WATCH_ROUTES)
                .description("open watch streams").register(registry);
        Gauge.builder("openpe.watch.streams", macStreams, AtomicInteger::get).tag("rpc", WATCH_MAC)
                .description("open watch streams").register(registry);
    }

    @Override
    @Blocking
    public void listRoutes(ListRoutesRequest request, StreamObserver<ListRoutesResponse> response) {
        RouteFilter filter = request.getFilter();
        var out = ListRoutesResponse.newBuilder();
        for (EvpnRoute route : routers.routes()) {
            if (RouteFilters.matches(filter, route)) {
                out.addRoutes(route);
            }
        }
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public void locateMac(LocateMacRequest request, StreamObserver<LocateMacResponse> response) {
        List<GrpcErrors.Violation> invalid = invalid(request.getVni(), request.getMac());
        if (!invalid.isEmpty()) {
            response.onError(GrpcErrors.invalidArgument(invalid));
            return;
        }
        routers.locateMac(request.getVni(), MacText.normal(request.getMac())).ifPresentOrElse(location -> {
            response.onNext(LocateMacResponse.newBuilder().setLocation(location).build());
            response.onCompleted();
        }, () -> response.onError(Status.NOT_FOUND.withDescription("no type-2 route for " + request.getMac()
                + " in VNI " + request.getVni()).asRuntimeException()));
    }

    /**
     * The MAC's current location (an update without one when no route advertises it), then one update per change of
     * it. Latest wins: a client that reads slowly gets the newest location, never a stale queue.
     */
    @Override
    public void watchMac(WatchMacRequest request, StreamObserver<WatchMacResponse> response) {
        List<GrpcErrors.Violation> invalid = invalid(request.getVni(), request.getMac());
        if (!invalid.isEmpty()) {
            response.onError(GrpcErrors.invalidArgument(invalid));
            return;
        }
        ServerCallStreamObserver<WatchMacResponse> stream = (ServerCallStreamObserver<WatchMacResponse>) response;
        Subscription subscription = new Subscription();
        macStreams.incrementAndGet();
        var outlet = new ClientOutlet<>(stream, MAC_BUFFER, ClientOutlet.Overflow.LATEST_WINS, drains, "",
                cutOff -> {
                    macStreams.decrementAndGet();
                    subscription.end();
                });
        subscription.set(routers.watchMac(request.getVni(), MacText.normal(request.getMac()), location -> {
            var update = WatchMacResponse.newBuilder();
            location.ifPresent(update::setLocation);
            outlet.offer(update.build());
        }));
    }

    /** Every broken field of a MAC query, by the shared rules (VNI range, MAC address); empty when it is valid. */
    private static List<GrpcErrors.Violation> invalid(int vni, String mac) {
        List<GrpcErrors.Violation> violations = new ArrayList<>();
        try {
            NumberRange.VNI.requireValid(Integer.toUnsignedLong(vni));
        } catch (IllegalArgumentException e) {
            violations.add(new GrpcErrors.Violation("vni", e.getMessage()));
        }
        try {
            MacAddress.requireValid(mac);
        } catch (IllegalArgumentException e) {
            violations.add(new GrpcErrors.Violation("mac", e.getMessage()));
        }
        return violations;
    }

    @Override
    public void listSessions(ListSessionsRequest request, StreamObserver<ListSessionsResponse> response) {
        var out = ListSessionsResponse.newBuilder();
        for (SessionStatus s : routers.sessions()) {
            var session = BmpSession.newBuilder().setRouter(EvpnRoutes.router(s.router(), s.sysName()))
                    .setCluster(s.cluster()).setMessages(s.messages()).setRoutes(s.routes())
                    .setDecodeErrors(s.decodeErrors());
            for (PerPeerHeader peer : s.peers()) {
                session.addPeers(EvpnRoutes.peer(peer));
            }
            out.addSessions(session);
        }
        response.onNext(out.build());
        response.onCompleted();
    }

    /**
     * The matching routes, an end-of-dump marker, then every change. Every change carries a resume token
     * ({@code <instance>:<sequence>}, the sequence numbering this service's route records); so does the end-of-dump
     * marker. Dump entries carry none: a stream cut inside the dump cannot resume. A request with a token whose
     * later changes are all still kept (openpe.watch.resume-buffer) resumes: the stream starts with a response
     * carrying only that token, then those changes; otherwise it starts over with a full dump. A withdrawal is sent
     * only for a key this stream has shown, except on a resumed stream, which cannot know what the earlier one
     * showed and sends every withdrawal (a client ignores keys it does not hold). A client more than
     * openpe.watch.client-buffer changes behind is cut off (RESOURCE_EXHAUSTED).
     */
    @Override
    @Blocking
    public void watchRoutes(WatchRoutesRequest request, StreamObserver<WatchRoutesResponse> response) {
        ServerCallStreamObserver<WatchRoutesResponse> stream = (ServerCallStreamObserver<WatchRoutesResponse>) response;
        RouteFilter filter = request.getFilter();
        OptionalLong resumeAfter = resumeSequence(request.getResumeToken());
        // Touched only under Routers' change lock (dump and listener calls are serialised there).
        Set<String> shown = new HashSet<>();
        boolean[] resumed = {false};
        Subscription subscription = new Subscription();
        routeStreams.incrementAndGet();
        var outlet = new ClientOutlet<>(stream, clientBuffer, ClientOutlet.Overflow.CUT_OFF, drains,
                "client read too slowly: more than " + clientBuffer + " route updates waiting; watch again with the"
                        + " last resume token received", cutOff -> {
                    routeStreams.decrementAndGet();
                    if (cutOff) {
                        routesCutOff.increment();
                    }
                    subscription.end();
                });
        routers.watch(resumeAfter, (dump, sequence) -> {
            List<EvpnRoute> matching = dump.stream().filter(route -> RouteFilters.matches(filter, route)).toList();
            matching.forEach(route -> shown.add(route.getRouteKey()));
            WatchRoutesResponse endOfDump = WatchRoutesResponse.newBuilder().setEndOfDump(true)
                    .setResumeToken(token(sequence)).build();
            Iterator<WatchRoutesResponse> updates = Stream.concat(
                    matching.stream().map(route -> WatchRoutesResponse.newBuilder().setAdded(route).build()),
                    Stream.of(endOfDump)).iterator();
            outlet.startWith(updates);
        }, () -> {
            resumed[0] = true;
            outlet.offer(WatchRoutesResponse.newBuilder().setResumeToken(request.getResumeToken()).build());
        }, records -> offer(outlet, filter, shown, resumed[0], records), subscription::set);
    }

    private void offer(ClientOutlet<WatchRoutesResponse> outlet, RouteFilter filter, Set<String> shown, boolean resumed,
            List<RecentChanges.Sequenced> records) {
        for (RecentChanges.Sequenced numbered : records) {
            Outbound record = numbered.record();
            if (record.value() instanceof EvpnRoute route) {
                if (RouteFilters.matches(filter, route)) {
                    shown.add(route.getRouteKey());
                    outlet.offer(WatchRoutesResponse.newBuilder().setAdded(route)
                            .setResumeToken(token(numbered.sequence())).build());
                }
            } else if (shown.remove(record.key()) || resumed) {
                outlet.offer(WatchRoutesResponse.newBuilder().setWithdrawn(record.key())
                        .setResumeToken(token(numbered.sequence())).build());
            }
        }
    }

    private String token(long sequence) {
        return instance + ":" + sequence;
    }

    /** The sequence of a token this instance issued; empty for none, a malformed one or another instance's. */
    private OptionalLong resumeSequence(String token) {
        String prefix = instance + ":";
        if (!token.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(token.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
