package io.openpe.e2e.fleet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test class the one {@link Fleet} of this JVM: started by the first test that asks, kept in the root
 * context's store and closed (services stopped by PID, lab removed) when the whole run ends, also after failures.
 * Starting the fleet costs about a minute; once per run keeps the module within its CI budget.
 */
public final class FleetExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // An AutoCloseable value of the root store is closed when the root context closes (JUnit 5.13+ / 6).
        return context.getRoot().getStore(ExtensionContext.Namespace.create(FleetExtension.class))
                .computeIfAbsent(Fleet.class, k -> startWithShutdownHook(), Fleet.class);
    }

    private static Fleet startWithShutdownHook() {
        Fleet fleet = Fleet.start();
        // Ctrl-C of the test JVM: the store is never closed then, the hook still removes processes and namespaces.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(fleet::close));
        return fleet;
    }
}
