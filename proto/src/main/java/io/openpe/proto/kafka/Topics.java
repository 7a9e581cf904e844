package io.openpe.proto.kafka;

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
    public static final String BMP_EVENTS = "openpe.bmp-events";
    public static final String MIGRATIONS = "openpe.migrations";
    public static final String MIGRATION_EVENTS = "openpe.migration-events";

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
