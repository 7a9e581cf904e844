package io.openpe.e2e.fleet;

import io.openpe.lab.layout.FabricSpec;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the L3 fleet: prefix {@link #PREFIX}, the fabric {@link FabricSpec#withNetnsVrfs()} (zebra
 * with {@code -n} on every node, the seeds' external host on the red network) and every node-programmer on the netns
 * VRF datapath. Kept in the root store like {@link FleetExtension}'s fleet and closed at the end of the run; the
 * module's failsafe runs the classes using it in a JVM of their own, so the two fleets never run at the same time.
 */
public final class NetnsVrfFleetExtension implements ParameterResolver {

    /**
     * {@code -Dopenpe.e2e.netns-prefix} or {@code OPENPE_E2E_NETNS_PREFIX} picks another; else {@code -Dopenpe.e2e.prefix=P}
     * (fleets side by side) makes it {@code Pv}.
     */
    public static final String PREFIX = Optional.ofNullable(System.getProperty("openpe.e2e.netns-prefix",
                    System.getenv("OPENPE_E2E_NETNS_PREFIX")))
            .or(() -> Optional.ofNullable(System.getProperty("openpe.e2e.prefix")).map(p -> p + "v"))
            .orElse("l3e");

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
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.create(NetnsVrfFleetExtension.class))
                .computeIfAbsent(Started.class, k -> start(), Started.class);
        if (started.failure() != null) {
            throw new IllegalStateException("the netns-VRF fleet did not start", started.failure());
        }
        return started.fleet();
    }

    private static Started start() {
        try {
            return new Started(Fleet.start(FabricSpec.seeds(PREFIX, Fleet.NODES_PER_CLUSTER).withNetnsVrfs()), null);
        } catch (RuntimeException e) {
            return new Started(null, e);
        } catch (AssertionError e) {
            return new Started(null, new IllegalStateException(e.getMessage(), e));
        }
    }
}
