package io.openpe.route.api;

import io.grpc.Status;
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
import io.openpe.route.v1.ListRoutesResponse;
import io.openpe.route.v1.ListSessionsRequest;
import io.openpe.route.v1.ListSessionsResponse;
import io.openpe.route.v1.LocateMacRequest;
import io.openpe.route.v1.MacLocation;
import io.openpe.route.v1.RouteFilter;
import io.openpe.route.v1.RouteServiceGrpc;
import io.openpe.route.v1.RouteUpdate;
import io.openpe.route.v1.WatchRoutesRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RouteService over gRPC, answering from copies of the routers' RIBs ({@link Routers#routes()}); it never decodes
 * bytes or writes a RIB. Routes carry no receive time here (the RIB does not keep one); Kafka records do.
 */
@GrpcService
public class RouteGrpcService extends RouteServiceGrpc.RouteServiceImplBase {

    private final Routers routers;
    /** Tells tokens of this service instance from those of an earlier one (whose sequences meant other records). */
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    public RouteGrpcService(Routers routers) {
        this.routers = routers;
    }

    @Override
    @Blocking
    public void listRoutes(RouteFilter filter, StreamObserver<ListRoutesResponse> response) {
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
    @Blocking
    public void locateMac(LocateMacRequest request, StreamObserver<MacLocation> response) {
        if (request.getVni() == 0 || request.getMac().isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("vni and mac are required").asRuntimeException());
            return;
        }
        MacLocations.locate(routers.routes(), request.getVni(), request.getMac()).ifPresentOrElse(location -> {
            response.onNext(location);
            response.onCompleted();
        }, () -> response.onError(Status.NOT_FOUND.withDescription("no type-2 route for " + request.getMac()
                + " in VNI " + request.getVni()).asRuntimeException()));
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
     * later changes are all still kept (openpe.watch.resume-buffer) resumes: the stream starts with a RouteUpdate
     * carrying only that token, then those changes; otherwise it starts over with a full dump. A withdrawal is sent
     * only for a key this stream has shown, except on a resumed stream, which cannot know what the earlier one
     * showed and sends every withdrawal (a client ignores keys it does not hold).
     */
    @Override
    @Blocking
    public void watchRoutes(WatchRoutesRequest request, StreamObserver<RouteUpdate> response) {
        ServerCallStreamObserver<RouteUpdate> stream = (ServerCallStreamObserver<RouteUpdate>) response;
        RouteFilter filter = request.getFilter();
        OptionalLong resumeAfter = resumeSequence(request.getResumeToken());
        Set<String> shown = new HashSet<>();
        boolean[] resumed = {false};
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        routers.watch(resumeAfter, (dump, sequence) -> {
            synchronized (stream) {
                for (EvpnRoute route : dump) {
                    if (RouteFilters.matches(filter, route)) {
                        shown.add(route.getRouteKey());
                        stream.onNext(RouteUpdate.newBuilder().setAdded(route).build());
                    }
                }
                stream.onNext(RouteUpdate.newBuilder().setEndOfDump(true).setResumeToken(token(sequence)).build());
            }
        }, () -> {
            resumed[0] = true;
            synchronized (stream) {
                stream.onNext(RouteUpdate.newBuilder().setResumeToken(request.getResumeToken()).build());
            }
        }, records -> send(stream, filter, shown, resumed[0], records), subscription::set);
        stream.setOnCancelHandler(() -> close(subscription.get()));
    }

    private void send(ServerCallStreamObserver<RouteUpdate> stream, RouteFilter filter, Set<String> shown,
            boolean resumed, List<RecentChanges.Sequenced> records) {
        synchronized (stream) {
            if (stream.isCancelled()) {
                return;
            }
            for (RecentChanges.Sequenced numbered : records) {
                Outbound record = numbered.record();
                if (record.value() instanceof EvpnRoute route) {
                    if (RouteFilters.matches(filter, route)) {
                        shown.add(route.getRouteKey());
                        stream.onNext(RouteUpdate.newBuilder().setAdded(route)
                                .setResumeToken(token(numbered.sequence())).build());
                    }
                } else if (shown.remove(record.key()) || resumed) {
                    stream.onNext(RouteUpdate.newBuilder().setWithdrawn(record.key())
                            .setResumeToken(token(numbered.sequence())).build());
                }
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

    private static RouteUpdate added(EvpnRoute route, long sequence) {
        return RouteUpdate.newBuilder().setAdded(route).setResumeToken(Long.toString(sequence)).build();
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
