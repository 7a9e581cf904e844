package io.openpe.intent.config;

import io.openpe.intent.model.VxlanPorts;
import io.openpe.rules.ConfigurationCheck;
import io.openpe.rules.NumberRange;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * intent-service's keys (docs/configuration.md), one mapping per key group as in route-service: an unknown key inside
 * a group (a typo such as {@code openpe.intents.directroy}) stops the start, while Kafka's own {@code kafka.*} client
 * keys stay outside every mapping. A value of the wrong type stops the start in SmallRye Config; a value of the right
 * type outside its rule stops it in {@link #check} (run by {@link ConfigurationAtStart}).
 */
public interface IntentServiceConfig {

    /** This instance's cluster: the first part of every Kafka key it writes. */
    @ConfigMapping(prefix = "openpe.cluster")
    interface Cluster {
        @WithParentName
        String name();
    }

    @ConfigMapping(prefix = "openpe.intents")
    interface Intents {
        /** A directory of YAML intents (and Node objects when Kubernetes is off); absent: no directory source. */
        Optional<Path> directory();

        @WithName("poll-interval-ms")
        @WithDefault("1000")
        long pollIntervalMillis();
    }

    @ConfigMapping(prefix = "openpe.kubernetes")
    interface Kubernetes {
        /** Watch Underlay/L3VNI/L2VNI and Nodes, write status and node indices. */
        @WithDefault("true")
        boolean enabled();
    }

    /** The BMP target written into every plan: route-service as FRR on the node reaches it. */
    @ConfigMapping(prefix = "openpe.bmp")
    interface Bmp {
        Optional<String> address();

        @WithDefault("5000")
        int port();
    }

    @ConfigMapping(prefix = "openpe.underlay")
    interface Underlay {
        @WithDefault("1500")
        int mtu();
    }

    @ConfigMapping(prefix = "openpe.vxlan")
    interface Vxlan {
        /** The VXLAN port of an L3VNI or L2VNI that sets none. */
        @WithDefault("4789")
        int port();
    }

    /** The broker list. Kafka's other {@code kafka.*} keys go to the clients as they are, unmapped. */
    @ConfigMapping(prefix = "kafka.bootstrap")
    interface Kafka {
        @WithName("servers")
        String bootstrapServers();
    }

    /** Every rule the keys break, with key, value and reason; the ranges are the ones intents are held to. */
    static ConfigurationCheck check(Cluster cluster, Intents intents, Bmp bmp, Underlay underlay, Vxlan vxlan,
            Kafka kafka) {
        return new ConfigurationCheck()
                .notBlank("openpe.cluster", cluster.name())
                .notBlank("kafka.bootstrap.servers", kafka.bootstrapServers())
                .atLeast("openpe.intents.poll-interval-ms", intents.pollIntervalMillis(), 1)
                .check("openpe.bmp.address", bmp.address(), address -> address.ifPresent(a -> {
                    if (a.isBlank()) {
                        throw new IllegalArgumentException("must not be empty (leave it unset for no BMP)");
                    }
                }))
                .range("openpe.bmp.port", bmp.port(), NumberRange.PORT)
                .range("openpe.underlay.mtu", underlay.mtu(), NumberRange.MTU)
                .check("openpe.vxlan.port", vxlan.port(), port -> VxlanPorts.requireValid(port));
    }
}
