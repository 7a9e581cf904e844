package io.openpe.migration.api;

import io.openpe.migration.v1.MigrationServiceGrpc;
import io.quarkus.grpc.GrpcService;

/** MigrationService over gRPC. Declared so clients and reflection see the contract; calls answer UNIMPLEMENTED until the saga lands. */
@GrpcService
public class MigrationGrpcService extends MigrationServiceGrpc.MigrationServiceImplBase {
}
