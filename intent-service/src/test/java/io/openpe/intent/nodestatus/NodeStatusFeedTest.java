package io.openpe.intent.nodestatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.intent.model.ObjectId;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.node.v1.FieldError;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.node.v1.PlanRefusal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10: a plan the node refused is shown on the intents its bad fields came from. */
class NodeStatusFeedTest {

    private static ObjectRef ref(Kind kind, String name) {
        return ObjectRef.newBuilder().setCluster("c1").setKind(kind).setNamespace("lab").setName(name).build();
    }

    @Test
    void refusedPlanFieldsLandOnTheirIntentsBesideFailedObjects() {
        NodeStatus status = NodeStatus.newBuilder().setCluster("c1").setNode("node-a").setAppliedGeneration(4)
                .addResults(ObjectResult.newBuilder().setSource(ref(Kind.KIND_L2VNI, "l2-110"))
                        .setObject("bridge br-pe-110").setState(ObjectResult.State.STATE_FAILED).setReason("busy"))
                .setRefusedPlan(PlanRefusal.newBuilder().setGeneration(5).setPlanHash("h5")
                        .addErrors(FieldError.newBuilder().setField("l3Domains[0].vrf")
                                .setReason("must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got \"red\\n...\"")
                                .setSource(ref(Kind.KIND_L3VNI, "red")))
                        .addErrors(FieldError.newBuilder().setField("l2Domains[0].gatewayIp").setReason("not a CIDR")
                                .setSource(ref(Kind.KIND_L2VNI, "l2-110")))
                        .addErrors(FieldError.newBuilder().setField("generation").setReason("must be positive")))
                .build();

        Map<ObjectId, String> failures = NodeStatusFeed.failures(status);

        assertEquals(Map.of(
                new ObjectId(ObjectId.L3VNI, "lab", "red"),
                "plan generation 5 refused by the node: l3Domains[0].vrf: must match ^[a-zA-Z][a-zA-Z0-9_-]*$, got"
                        + " \"red\\n...\"",
                new ObjectId(ObjectId.L2VNI, "lab", "l2-110"),
                "plan generation 5 refused by the node: l2Domains[0].gatewayIp: not a CIDR; bridge br-pe-110: busy"),
                failures);
    }
}
