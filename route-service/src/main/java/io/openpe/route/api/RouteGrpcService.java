package io.openpe.route.api;

import io.openpe.route.v1.RouteServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** RouteService over gRPC. Declared so clients and reflection see the contract; the queries answer UNIMPLEMENTED until the RIB lands. */
@GrpcService
public class RouteGrpcService extends RouteServiceGrpc.RouteServiceImplBase {
}
