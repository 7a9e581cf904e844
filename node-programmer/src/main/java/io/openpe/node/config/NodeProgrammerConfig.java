package io.openpe.node.config;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.linux.VrfDatapath;
import io.openpe.rules.ConfigurationCheck;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * node-programmer's keys (docs/configuration.md), one mapping per key group as in route-service: an unknown key under
 * {@code openpe.node} (a typo such as {@code openpe.node.enacts}) stops the start, while Kafka's own {@code kafka.*}
 * client keys stay outside every mapping. A value of the wrong type stops the start in SmallRye Config; a value of the
 * right type outside its rule stops it in {@link #check} (run by {@link ConfigurationAtStart}).
 */
public interface NodeProgrammerConfig {

    /** This node's cluster: the first part of its plan and status key. */
    @ConfigMapping(prefix = "openpe.cluster")
    interface Cluster {
        @WithParentName
        String name();
    }

    @ConfigMapping(prefix = "openpe.node")
    interface Node {
        /** This node; its plan and status key is {@code <openpe.cluster>/<name>}. */
        String name();

        /** {@code false}: consume and report plans as not enacted, never touch the kernel or FRR. */
        @WithDefault("true")
        boolean enact();

        @WithName("resync-interval")
        @WithDefault("60s")
        Duration resyncInterval();

        @WithName("neighbor-refresh-interval")
        @WithDefault("30s")
        Duration neighborRefreshInterval();

        @WithName("router-netns")
        @WithDefault(Namespaces.DEFAULT_ROUTER)
        String routerNetns();

        /** Absent or empty: the namespace this process runs in. */
        @WithName("host-netns")
        Optional<String> hostNetns();

        /** Bound of every external program run and FRR daemon vty exchange. */
        @WithName("program-timeout")
        @WithDefault("120s")
        Duration programTimeout();

        @WithName("vrf-datapath")
        @WithDefault("kernel")
        String vrfDatapath();

        Frr frr();

        Kubernetes kubernetes();

        default Namespaces namespaces() {
            return new Namespaces(routerNetns(), hostNetns().filter(host -> !host.isBlank()));
        }
    }

    /** FRR of the router namespace; both directories or neither (kernel only, FRR untouched). */
    interface Frr {
        @WithName("vty-dir")
        Optional<String> vtyDir();

        @WithName("config-dir")
        Optional<String> configDir();
    }

    interface Kubernetes {
        /** Advertise {@code bridge.network.kubevirt.io/br-hs-<vni>} node capacity for each host bridge. */
        @WithDefault("false")
        boolean enabled();
    }

    /** The broker list. Kafka's other {@code kafka.*} keys go to the clients as they are, unmapped. */
    @ConfigMapping(prefix = "kafka.bootstrap")
    interface Kafka {
        @WithName("servers")
        String bootstrapServers();
    }

    /** Every rule the keys break, with key, value and reason. */
    static ConfigurationCheck check(Cluster cluster, Node node, Kafka kafka) {
        return new ConfigurationCheck()
                .notBlank("openpe.cluster", cluster.name())
                .notBlank("kafka.bootstrap.servers", kafka.bootstrapServers())
                .notBlank("openpe.node.name", node.name())
                .notBlank("openpe.node.router-netns", node.routerNetns())
                .check("openpe.node.host-netns", node.hostNetns().orElse(""), host -> node.namespaces())
                .positive("openpe.node.resync-interval", node.resyncInterval())
                .positive("openpe.node.neighbor-refresh-interval", node.neighborRefreshInterval())
                .positive("openpe.node.program-timeout", node.programTimeout())
                .oneOf("openpe.node.vrf-datapath", node.vrfDatapath().strip().toLowerCase(Locale.ROOT),
                        VrfDatapath.SETTINGS)
                .check("openpe.node.frr.vty-dir", node.frr().vtyDir().orElse(""), vtyDir -> {
                    if (node.frr().vtyDir().isPresent() != node.frr().configDir().isPresent()) {
                        throw new IllegalArgumentException("set openpe.node.frr.vty-dir and openpe.node.frr.config-dir"
                                + " both (FRR driven) or neither (kernel only), openpe.node.frr.config-dir="
                                + node.frr().configDir().orElse(""));
                    }
                });
    }
}
