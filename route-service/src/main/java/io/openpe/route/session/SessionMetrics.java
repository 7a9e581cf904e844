package io.openpe.route.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BMP server's Micrometer meters: sessions ended by reason ({@code openpe_bmp_sessions_closed_total{reason}}),
 * malformed messages by BMP message type and whether they were fatal, messages decoded, and open sessions.
 */
@ApplicationScoped
public class SessionMetrics {

    /** Why a session ended; the tag values of {@code openpe_bmp_sessions_closed_total}. */
    public enum CloseReason {
        /** The router closed TCP (FRR never sends Termination, DESIGN §6). */
        CONNECTION_CLOSED,
        /** The router sent a Termination message. */
        TERMINATION,
        /** A frame longer than BmpFraming.MAX_FRAME_LENGTH. */
        OVERSIZE_FRAME,
        /** A frame whose length field is shorter than the common header. */
        CORRUPT_FRAME,
        /** A frame with a wrong version or a length that does not match its bytes. */
        MALFORMED_HEADER,
        /** A socket error. */
        IO_ERROR,
        /** No byte for openpe.bmp.idle-timeout: the router is alive by TCP but silent. */
        IDLE_TIMEOUT,
        /** The kernel gave up on the connection (keepalive probes or data unacknowledged): the path or host is dead. */
        TCP_TIMEOUT,
        /** A newer session from the same address took over the router (the older one is closed). */
        REPLACED,
        /** The service is stopping. */
        SHUTDOWN;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final MeterRegistry registry;
    private final Counter messages;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public SessionMetrics(MeterRegistry registry, Routers routers) {
        this.registry = registry;
        this.messages = Counter.builder("openpe.bmp.messages").description("BMP messages received")
                .register(registry);
        Gauge.builder("openpe.bmp.sessions.open", routers, Routers::sessionCount)
                .description("open BMP sessions").register(registry);
        routers.onDeniedOnReplan(this::denied);
    }

    void message() {
        messages.increment();
    }

    void closed(CloseReason reason) {
        counters.computeIfAbsent("closed/" + reason.tag(), k -> Counter.builder("openpe.bmp.sessions.closed")
                .description("BMP sessions ended, by reason").tag("reason", reason.tag()).register(registry))
                .increment();
    }

    /** A connection refused at accept ({@code openpe_bmp_sessions_refused_total{reason}}). */
    void refused(String reason) {
        counters.computeIfAbsent("refused/" + reason, k -> Counter.builder("openpe.bmp.sessions.refused")
                .description("BMP connections refused at accept, by reason").tag("reason", reason)
                .register(registry)).increment();
    }

    /** Withdrawals of routes the view did not hold ({@code openpe_bmp_withdrawals_unannounced_total{view}}). */
    void unannouncedWithdrawals(String view, int count) {
        counters.computeIfAbsent("unannounced/" + view, k -> Counter.builder("openpe.bmp.withdrawals.unannounced")
                .description("Route Monitoring withdrawals of routes the peer view did not hold, by view")
                .tag("view", view).register(registry)).increment(count);
    }

    /**
     * Pre-policy announcements FRR denies (AS loop, self next hop), applied as withdrawals, on arrival or when a plan
     * names the next hop later (PostPolicyResync).
     */
    void denied(int count) {
        counters.computeIfAbsent("denied", k -> Counter.builder("openpe.bmp.routes.denied")
                .description("pre-policy announcements of routes the router denies (AS loop beyond allowas-in or"
                        + " its own next hop), kept off the topic because FRR 8.4 never reports their withdrawal")
                .register(registry)).increment(count);
    }

    void ownRoutes(int count) {
        counters.computeIfAbsent("own", k -> Counter.builder("openpe.bmp.routes.own")
                .description("the router's own routes (FRR 8.4's peer 0.0.0.0), kept off the topic because FRR sends"
                        + " them only in a session's initial dump and never withdraws them")
                .register(registry)).increment(count);
    }

    void malformed(int messageType, boolean fatal) {
        String type = messageTypeName(messageType);
        counters.computeIfAbsent("malformed/" + type + "/" + fatal, k -> Counter.builder("openpe.bmp.malformed")
                .description("BMP messages that could not be decoded, by message type")
                .tag("type", type).tag("fatal", Boolean.toString(fatal)).register(registry)).increment();
    }

    static String messageTypeName(int type) {
        return switch (type) {
            case 0 -> "route-monitoring";
            case 1 -> "statistics-report";
            case 2 -> "peer-down";
            case 3 -> "peer-up";
            case 4 -> "initiation";
            case 5 -> "termination";
            case 6 -> "route-mirroring";
            case -1 -> "header";
            default -> "other";
        };
    }
}
