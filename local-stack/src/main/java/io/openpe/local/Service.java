package io.openpe.local;

import java.nio.file.Path;

/** The four services, in start order, each with the module directory its packaged application is built into. */
enum Service {
    INTENT_SERVICE("intent-service"),
    ROUTE_SERVICE("route-service"),
    NODE_PROGRAMMER("node-programmer"),
    MIGRATION_COORDINATOR("migration-coordinator");

    private final String module;

    Service(String module) {
        this.module = module;
    }

    String module() {
        return module;
    }

    Path runnerJar(Path root) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
