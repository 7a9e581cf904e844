package io.openpe.e2e.fleet;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test class the one {@link Fleet} of this JVM: started by the first test that asks, kept in the root
 * context's store and closed (services stopped by PID, lab removed) when the whole run ends, also after failures.
 * Starting the fleet costs about a minute; once per run keeps the module within its CI budget. A start that failed
 * is not tried again by the next test class: each of them fails with the first failure.
 */
public final class FleetExtension implements ParameterResolver {

    /** The fleet, or why it could not start. */
    private record Started(Fleet fleet, RuntimeException failure) implements AutoCloseable {
        @Override
        public void close() {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // An AutoCloseable value of the root store is closed when the root context closes (JUnit 5.13+ / 6).
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.create(FleetExtension.class))
                .computeIfAbsent(Started.class, k -> start(), Started.class);
        if (started.failure() != null) {
            throw new IllegalStateException("the fleet did not start", started.failure());
        }
        return started.fleet();
    }

    private static Started start() {
        try {
            return new Started(Fleet.start(), null);
        } catch (RuntimeException e) {
            return new Started(null, e);
        } catch (AssertionError e) {
            return new Started(null, new IllegalStateException(e.getMessage(), e));
        }
    }
}
