package io.openpe.node.report;

import com.google.protobuf.Timestamp;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.node.desired.CapabilityFinding;
import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.linux.Enactment;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.v1.NodeStatus;
import java.time.Instant;

/** Maps a convergence to the proto {@code NodeStatus} published on {@code openpe.node-status}. No decisions. */
public final class NodeStatuses {

    /** The single result reported by an agent that observes only. */
    public static final String NOT_ENACTED_OBJECT = "node";
    public static final String NOT_ENACTED_REASON = "not enacted: openpe.node.enact=false";

    private NodeStatuses() {
    }

    public static NodeStatus toProto(String cluster, String node, Convergence convergence) {
        NodeStatus.Builder status = NodeStatus.newBuilder()
                .setCluster(cluster)
                .setNode(node)
                .setAppliedGeneration(convergence.plan().generation())
                .setAppliedPlanHash(convergence.plan().contentHash())
                .setObservedAt(timestampOf(convergence.observedAt()));
        convergence.enactment().ifPresentOrElse(e -> enactmentToProto(cluster, e, status),
                () -> status.addResults(io.openpe.node.v1.ObjectResult.newBuilder()
                        .setObject(NOT_ENACTED_OBJECT)
                        .setState(io.openpe.node.v1.ObjectResult.State.STATE_PENDING)
                        .setReason(NOT_ENACTED_REASON)));
        convergence.refused().ifPresent(r -> status.setRefusedPlan(refusalToProto(cluster, r)));
        return status.build();
    }

    /** The status of a node that refused its newest plan and has accepted none before it. */
    public static NodeStatus refusedBeforeAnyPlan(String cluster, String node, PlanRefusal refusal, Instant at) {
        return NodeStatus.newBuilder().setCluster(cluster).setNode(node).setObservedAt(timestampOf(at))
                .setRefusedPlan(refusalToProto(cluster, refusal)).build();
    }

    static io.openpe.node.v1.PlanRefusal refusalToProto(String cluster, PlanRefusal refusal) {
        io.openpe.node.v1.PlanRefusal.Builder proto = io.openpe.node.v1.PlanRefusal.newBuilder()
                .setGeneration(refusal.generation()).setPlanHash(refusal.planHash());
        for (FieldError error : refusal.errors()) {
            io.openpe.node.v1.FieldError.Builder field = io.openpe.node.v1.FieldError.newBuilder()
                    .setField(error.field()).setReason(error.reason());
            error.source().ifPresent(s -> field.setSource(sourceToProto(cluster, s)));
            proto.addErrors(field);
        }
        return proto.build();
    }

    private static void enactmentToProto(String cluster, Enactment enactment, NodeStatus.Builder status) {
        enactment.results().forEach(r -> status.addResults(resultToProto(cluster, r)));
        enactment.kernel().capabilities().forEach(c -> status.addCapabilities(capabilityToProto(c)));
        enactment.frr().ifPresent(f -> status.setFrrConfigHash(f.runningConfigHash()));
        status.setKernelWrites(enactment.kernelWrites()).setFrrReloaded(enactment.frrReloaded());
    }

    static io.openpe.node.v1.ObjectResult resultToProto(String cluster, ObjectResult result) {
        io.openpe.node.v1.ObjectResult.Builder proto = io.openpe.node.v1.ObjectResult.newBuilder()
                .setObject(result.object())
                .setState(switch (result.state()) {
                    case APPLIED -> io.openpe.node.v1.ObjectResult.State.STATE_APPLIED;
                    case FAILED -> io.openpe.node.v1.ObjectResult.State.STATE_FAILED;
                })
                .setReason(result.reason());
        result.source().ifPresent(s -> proto.setSource(sourceToProto(cluster, s)));
        return proto.build();
    }

    static ObjectRef sourceToProto(String cluster, SourceRef source) {
        Kind kind = switch (source.kind()) {
            case "Underlay" -> Kind.KIND_UNDERLAY;
            case "L3VNI" -> Kind.KIND_L3VNI;
            case "L2VNI" -> Kind.KIND_L2VNI;
            default -> Kind.KIND_UNSPECIFIED;
        };
        return ObjectRef.newBuilder().setCluster(cluster).setKind(kind).setNamespace(source.namespace())
                .setName(source.name()).build();
    }

    static io.openpe.node.v1.CapabilityFinding capabilityToProto(CapabilityFinding finding) {
        return io.openpe.node.v1.CapabilityFinding.newBuilder().setCapability(finding.capability())
                .setSupported(finding.supported()).setDetail(finding.detail()).build();
    }

    private static Timestamp timestampOf(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
