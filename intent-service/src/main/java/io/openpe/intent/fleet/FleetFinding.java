package io.openpe.intent.fleet;

import io.openpe.intent.model.ObjectId;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One conflict between this cluster ({@code here}) and another ({@code there}): which check found it, the object
 * (and node) on each side, the field and each side's value; {@code subject} is what the two share ("VNI 110", "VTEP
 * ranges", the colliding address). A warning, not a rejection: both sides keep their plans.
 */
public record FleetFinding(Check check, String subject, Party here, Party there, String field)
        implements Comparable<FleetFinding> {

    /** What is in conflict. */
    public enum Check {
        /** The same L2VNI (by VNI) has different gateway addresses, or a gateway on one side only. */
        L2VNI_GATEWAY("L2VniGatewayMismatch", "is stretched with different gateways"),
        /** The same L2VNI (by VNI) is in different VRFs, or in a VRF on one side only. */
        L2VNI_VRF("L2VniVrfMismatch", "is stretched with different VRFs"),
        VTEP_RANGE_OVERLAP("VtepRangeOverlap", "overlap"),
        ROUTER_ID_RANGE_OVERLAP("RouterIdRangeOverlap", "overlap"),
        VTEP_COLLISION("VtepCollision", "is the VTEP address of two nodes"),
        ROUTER_ID_COLLISION("RouterIdCollision", "is the router id of two nodes");

        private final String reason;
        private final String verb;

        Check(String reason, String verb) {
            this.reason = reason;
            this.verb = verb;
        }

        /** The check in Kubernetes reason form (UpperCamelCase), for status, events and metrics. */
        public String reason() {
            return reason;
        }
    }

    /** One side of a finding: the cluster, its object, the node when the finding is about a node, and the value. */
    public record Party(String cluster, ObjectId object, Optional<String> node, String value)
            implements Comparable<Party> {

        private static final Comparator<Party> ORDER = Comparator.comparing(Party::cluster)
                .thenComparing(Party::object).thenComparing(p -> p.node().orElse(""))
                .thenComparing(Party::value);

        public Party {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int compareTo(Party other) {
            return ORDER.compare(this, other);
        }

        private String describe() {
            return node.map(n -> "node " + n + " of cluster " + cluster + " (" + object + ")")
                    .orElse(object + " of cluster " + cluster);
        }
    }

    private static final Comparator<FleetFinding> ORDER = Comparator.comparing(FleetFinding::check)
            .thenComparing(FleetFinding::subject).thenComparing(FleetFinding::here).thenComparing(FleetFinding::there).thenComparing(FleetFinding::field);

    public FleetFinding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(here, "here");
        Objects.requireNonNull(there, "there");
        Objects.requireNonNull(field, "field");
    }

    /**
     * Stable identity of the finding, the correlation id of its log lines, events and status entry: the same conflict
     * has the same id in every round and across restarts.
     */
    public String id() {
        return check.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ":" + here.cluster() + "/"
                + here.object().namespacedName() + here.node().map(n -> "@" + n).orElse("") + "~" + there.cluster()
                + "/" + there.object().namespacedName() + there.node().map(n -> "@" + n).orElse("");
    }

    /** The sentence for status, events and logs; it names both clusters, both objects, the field and both values. */
    public String message() {
        String sides = switch (check) {
            case VTEP_COLLISION, ROUTER_ID_COLLISION -> here.describe() + " and " + there.describe() + ", both from "
                    + field;
            case L2VNI_GATEWAY, L2VNI_VRF, VTEP_RANGE_OVERLAP, ROUTER_ID_RANGE_OVERLAP -> field + " is " + here.value()
                    + " in " + here.describe() + " and " + there.value() + " in " + there.describe();
        };
        return subject + " " + check.verb + ": " + sides;
    }

    @Override
    public int compareTo(FleetFinding other) {
        return ORDER.compare(this, other);
    }
}
