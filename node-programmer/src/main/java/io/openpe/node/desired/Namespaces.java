package io.openpe.node.desired;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the router and the host side live. On a real node the router has its own namespace and the host side is the
 * root namespace; in a lab each simulated node is a pair of named namespaces.
 *
 * @param router named network namespace of the router (default {@code perouter})
 * @param host   named network namespace of the host side; empty means the namespace this process runs in
 */
public record Namespaces(String router, Optional<String> host) {

    public static final String DEFAULT_ROUTER = "perouter";

    public Namespaces {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(host, "host");
        if (host.isPresent() && host.get().equals(router)) {
            throw new IllegalArgumentException("router and host namespaces must differ: " + router);
        }
    }

    public static Namespaces defaults() {
        return new Namespaces(DEFAULT_ROUTER, Optional.empty());
    }

    public static Namespaces of(String router, String host) {
        return new Namespaces(router, Optional.of(host));
    }
}
