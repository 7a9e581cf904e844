package io.openpe.proto.kafka;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of DESIGN §8 and their key rules. Every key starts with the cluster name so one Kafka can serve a
 * fleet.
 */
public final class Topics {

    public static final String INTENTS = "openpe.intents";
    public static final String NODES = "openpe.nodes";
    public static final String PLANS = "openpe.plans";
    public static final String NODE_STATUS = "openpe.node-status";
    public static final String EVPN_ROUTES = "openpe.evpn-routes";
    /** Not in DESIGN §8's table: opt-in (docs/decisions.md), so it is created with the others but often empty. */
    public static final String UNICAST_ROUTES = "openpe.unicast-routes";
    public static final String BMP_EVENTS = "openpe.bmp-events";
    public static final String MIGRATIONS = "openpe.migrations";
    public static final String MIGRATION_EVENTS = "openpe.migration-events";
    /** Not in DESIGN §8's table: the saga decider's inputs (start, cancel, step results), keyed by VM. */
    public static final String MIGRATION_INPUTS = "openpe.migration-inputs";
    /** Not in DESIGN §8's table: the commands the saga decider sends to the step dispatcher. */
    public static final String MIGRATION_COMMANDS = "openpe.migration-commands";

    /**
     * The largest record openpe writes or accepts, 16 MiB, on purpose (issue 10): a node's plan is one record (one
     * generation, applied whole), about 152 bytes per L2VNI in protobuf, so Kafka's default of 1 MiB stops near
     * 6,900 L2VNIs; 10,000 take 1.52 MB raw, 0.24 MB gzip. Producers allow it ({@code max.request.size}, checked on
     * the uncompressed record), topics are created with it ({@code max.message.bytes}, checked on the compressed
     * batch). 16 MiB leaves room for about 100,000 L2VNIs per node.
     */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /** A topic and its {@code cleanup.policy}. */
    public record Topic(String name, String cleanupPolicy) {

        /** The topic-level configuration openpe creates it with. */
        public Map<String, String> configs() {
            return Map.of("cleanup.policy", cleanupPolicy, "max.message.bytes", Integer.toString(MAX_RECORD_BYTES));
        }
    }

    /** Every topic with the cleanup policy DESIGN §8 gives it: state is compacted, event streams are deleted. */
    public static final List<Topic> ALL = List.of(
            new Topic(INTENTS, "compact"),
            new Topic(NODES, "compact"),
            new Topic(PLANS, "compact"),
            new Topic(NODE_STATUS, "compact"),
            new Topic(EVPN_ROUTES, "compact"),
            new Topic(UNICAST_ROUTES, "compact"),
            new Topic(BMP_EVENTS, "delete"),
            new Topic(MIGRATIONS, "compact"),
            new Topic(MIGRATION_EVENTS, "delete"),
            new Topic(MIGRATION_INPUTS, "delete"),
            new Topic(MIGRATION_COMMANDS, "delete"));

    private Topics() {
    }

    /** Key of openpe.nodes, openpe.plans and openpe.node-status. */
    public static String nodeKey(String cluster, String node) {
        return cluster + "/" + node;
    }

    /** Key of openpe.intents: {@code cluster/kind/namespace/name}, kind in its Kubernetes spelling. */
    public static String intentKey(String cluster, String kind, String namespace, String name) {
        return cluster + "/" + kind + "/" + namespace + "/" + name;
    }
}
