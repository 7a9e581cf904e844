package io.openpe.route.api;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.publish.Outbound;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * RouteService over gRPC, answering from copies of the routers' RIBs ({@link Routers#routes()}); it never decodes
 * bytes or writes a RIB. Routes carry no receive time here (the RIB does not keep one); Kafka records do.
 */
@GrpcService
public class RouteGrpcService extends RouteServiceGrpc.RouteServiceImplBase {

    private final Routers routers;

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
     * The matching routes, an end-of-dump marker, then every change. A withdrawal is sent only for a key this stream
     * has shown, so a filter never leaks tombstones of routes it excluded. The resume token counts updates within
     * this stream; resuming from one is not supported yet (a new stream starts with a full dump).
     */
    @Override
    @Blocking
    public void watchRoutes(WatchRoutesRequest request, StreamObserver<RouteUpdate> response) {
        ServerCallStreamObserver<RouteUpdate> stream = (ServerCallStreamObserver<RouteUpdate>) response;
        RouteFilter filter = request.getFilter();
        Set<String> shown = new HashSet<>();
        AtomicLong sequence = new AtomicLong();
        AutoCloseable subscription = routers.watch(dump -> {
            synchronized (stream) {
                for (EvpnRoute route : dump) {
                    if (RouteFilters.matches(filter, route)) {
                        shown.add(route.getRouteKey());
                        stream.onNext(added(route, sequence.incrementAndGet()));
                    }
                }
                stream.onNext(RouteUpdate.newBuilder().setEndOfDump(true)
                        .setResumeToken(Long.toString(sequence.incrementAndGet())).build());
            }
        }, records -> send(stream, filter, shown, sequence, records));
        stream.setOnCancelHandler(() -> close(subscription));
    }

    private static void send(ServerCallStreamObserver<RouteUpdate> stream, RouteFilter filter, Set<String> shown,
            AtomicLong sequence, List<Outbound> records) {
        synchronized (stream) {
            if (stream.isCancelled()) {
                return;
            }
            for (Outbound record : records) {
                if (record.value() instanceof EvpnRoute route) {
                    if (RouteFilters.matches(filter, route)) {
                        shown.add(route.getRouteKey());
                        stream.onNext(added(route, sequence.incrementAndGet()));
                    }
                } else if (shown.remove(record.key())) {
                    stream.onNext(RouteUpdate.newBuilder().setWithdrawn(record.key())
                            .setResumeToken(Long.toString(sequence.incrementAndGet())).build());
                }
            }
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
