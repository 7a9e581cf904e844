package io.openpe.node.intake;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.openpe.node.desired.NodePlan;

/** A plan in the Protobuf JSON mapping, as {@code intent-service plan --out} writes it, to the domain record. */
public final class PlanJson {

    private PlanJson() {
    }

    public static NodePlan fromJson(String json) throws InvalidProtocolBufferException {
        io.openpe.intent.v1.NodePlan.Builder plan = io.openpe.intent.v1.NodePlan.newBuilder();
        JsonFormat.parser().merge(json, plan);
        return NodePlans.fromProto(plan.build());
    }
}
