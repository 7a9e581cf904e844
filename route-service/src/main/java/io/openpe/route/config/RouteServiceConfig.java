package io.openpe.route.config;

import io.openpe.route.bmp.AddPathMode;
import io.openpe.rules.Cidr;
import io.openpe.rules.ConfigurationCheck;
import io.openpe.rules.NumberRange;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * route-service's keys (docs/configuration.md), one mapping per key group. Each group is a root of its own, so that
 * an unknown key inside a group (a typo such as {@code openpe.bmp.prot}) stops the start, while
 * {@code openpe.routers.<address>.cluster}, whose addresses contain dots, stays outside every mapping. A value of the
 * wrong type stops the start in SmallRye Config; a value of the right type outside its rule stops it in
 * {@link #check} (run by {@link ConfigurationAtStart}).
 */
public interface RouteServiceConfig {

    /** Cluster of routers no plan and no {@code openpe.routers.<address>.cluster} places. */
    @ConfigMapping(prefix = "openpe.cluster")
    interface Cluster {
        @WithParentName
        String name();
    }

    @ConfigMapping(prefix = "openpe.bmp")
    interface Bmp {
        @WithName("allowed-cidrs")
        @WithDefault("127.0.0.0/8,::1/128")
        List<String> allowedCidrs();

        @WithDefault("0.0.0.0")
        String host();

        /** 0: any free port (tests). */
        @WithDefault("5000")
        int port();

        @WithDefault("2")
        int threads();

        @WithName("add-path")
        @WithDefault("never")
        String addPath();

        @WithName("resync-grace")
        @WithDefault("PT30S")
        Duration resyncGrace();

        @WithName("capture-directory")
        Optional<Path> captureDirectory();

        @WithName("idle-timeout")
        @WithDefault("PT0S")
        Duration idleTimeout();

        @WithName("keepalive-idle")
        @WithDefault("PT30S")
        Duration keepaliveIdle();

        @WithName("keepalive-interval")
        @WithDefault("PT10S")
        Duration keepaliveInterval();

        @WithName("keepalive-count")
        @WithDefault("3")
        int keepaliveCount();

        @WithName("allowas-in")
        @WithDefault("3")
        int allowasIn();
    }

    @ConfigMapping(prefix = "openpe.publish")
    interface Publish {
        @WithName("queue-capacity")
        @WithDefault("10000")
        int queueCapacity();

        @WithName("batch-size")
        @WithDefault("262144")
        int batchSize();

        @WithName("linger-ms")
        @WithDefault("10")
        int lingerMs();

        @WithDefault("lz4")
        String compression();

        @WithName("unicast-routes")
        @WithDefault("false")
        boolean unicastRoutes();
    }

    @ConfigMapping(prefix = "openpe.watch")
    interface Watch {
        @WithName("client-buffer")
        @WithDefault("100000")
        int clientBuffer();

        @WithName("resume-buffer")
        @WithDefault("100000")
        int resumeBuffer();
    }

    @ConfigMapping(prefix = "openpe.reconcile")
    interface Reconcile {
        @WithName("wait")
        @WithDefault("PT2M")
        Duration waitAtStart();

        @WithName("absent-routers")
        @WithDefault("withdraw")
        String absentRouters();
    }

    /** The broker list. Kafka's other {@code kafka.*} keys go to the clients as they are, unmapped. */
    @ConfigMapping(prefix = "kafka.bootstrap")
    interface Kafka {
        @WithName("servers")
        String bootstrapServers();
    }

    /** Kafka's compression.type values. */
    List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    /** Linux TCP_KEEPIDLE/TCP_KEEPINTVL take whole seconds up to 32767. */
    NumberRange KEEPALIVE_SECONDS = new NumberRange(1, 32_767);

    /** Every rule the keys break, with key, value and reason. */
    static ConfigurationCheck check(Cluster cluster, Bmp bmp, Publish publish, Watch watch, Reconcile reconcile,
            Kafka kafka) {
        return new ConfigurationCheck()
                .notBlank("openpe.cluster", cluster.name())
                .notBlank("kafka.bootstrap.servers", kafka.bootstrapServers())
                .check("openpe.bmp.allowed-cidrs", bmp.allowedCidrs(), cidrs -> cidrs.forEach(Cidr::parse))
                .range("openpe.bmp.port", bmp.port(), new NumberRange(0, NumberRange.PORT.max()))
                .atLeast("openpe.bmp.threads", bmp.threads(), 1)
                .oneOf("openpe.bmp.add-path", bmp.addPath().toLowerCase(Locale.ROOT), Stream.of(AddPathMode.values())
                        .map(mode -> mode.name().toLowerCase(Locale.ROOT)).toList())
                .atLeast("openpe.bmp.resync-grace", bmp.resyncGrace(), Duration.ZERO)
                .atLeast("openpe.bmp.idle-timeout", bmp.idleTimeout(), Duration.ZERO)
                .range("openpe.bmp.keepalive-idle", bmp.keepaliveIdle().toSeconds(), KEEPALIVE_SECONDS)
                .range("openpe.bmp.keepalive-interval", bmp.keepaliveInterval().toSeconds(), KEEPALIVE_SECONDS)
                .atLeast("openpe.bmp.keepalive-count", bmp.keepaliveCount(), 1)
                .atLeast("openpe.bmp.allowas-in", bmp.allowasIn(), 0)
                .atLeast("openpe.publish.queue-capacity", publish.queueCapacity(), 1)
                .atLeast("openpe.publish.batch-size", publish.batchSize(), 0)
                .atLeast("openpe.publish.linger-ms", publish.lingerMs(), 0)
                .oneOf("openpe.publish.compression", publish.compression(), COMPRESSIONS)
                .atLeast("openpe.watch.client-buffer", watch.clientBuffer(), 1)
                .atLeast("openpe.watch.resume-buffer", watch.resumeBuffer(), 1)
                .atLeast("openpe.reconcile.wait", reconcile.waitAtStart(), Duration.ZERO)
                .oneOf("openpe.reconcile.absent-routers", reconcile.absentRouters(), List.of("withdraw", "keep"));
    }
}
