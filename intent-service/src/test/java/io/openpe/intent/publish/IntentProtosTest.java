package io.openpe.intent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.model.Intent;
import io.openpe.intent.v1.HostMaster;
import io.openpe.intent.v1.HostMasterType;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.L2VniSpec;
import io.openpe.intent.v1.LabelSelector;
import io.openpe.intent.v1.LabelSelectorRequirement;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.SelectorOperator;
import io.openpe.intent.v1.Source;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ObjectValidation;
import io.openpe.intent.validation.ResourceError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The enums of the gRPC form (selector operators, host master type) survive the trip to the model and back. */
class IntentProtosTest {

    private static final LabelSelector EVERY_OPERATOR = LabelSelector.newBuilder()
            .addMatchExpressions(requirement("zone", SelectorOperator.SELECTOR_OPERATOR_IN, "a", "b"))
            .addMatchExpressions(requirement("rack", SelectorOperator.SELECTOR_OPERATOR_NOT_IN, "r9"))
            .addMatchExpressions(requirement("edge", SelectorOperator.SELECTOR_OPERATOR_EXISTS))
            .addMatchExpressions(requirement("drain", SelectorOperator.SELECTOR_OPERATOR_DOES_NOT_EXIST))
            .build();

    private static LabelSelectorRequirement requirement(String key, SelectorOperator operator, String... values) {
        return LabelSelectorRequirement.newBuilder().setKey(key).setOperator(operator).addAllValues(List.of(values))
                .build();
    }

    private static io.openpe.intent.v1.Intent l2(LabelSelector selector, HostMasterType type) {
        return io.openpe.intent.v1.Intent.newBuilder()
                .setRef(ObjectRef.newBuilder().setCluster("c").setKind(Kind.KIND_L2VNI).setNamespace("ns")
                        .setName("layer2"))
                .setGeneration(1)
                .setNodeSelector(selector)
                .setL2Vni(L2VniSpec.newBuilder().setVni(110).setVrf("red").setL2GatewayIp("192.170.1.1/24")
                        .setHostMaster(HostMaster.newBuilder().setType(type).setAutocreate(true)))
                .build();
    }

    private static ObjectValidation validate(io.openpe.intent.v1.Intent intent) {
        return IntentValidation.validateObject(IntentProtos.toApi(intent), Optional.<Intent>empty());
    }

    @Test
    void everyOperatorAndTheLinuxBridgeComeBackAsSent() {
        var sent = l2(EVERY_OPERATOR, HostMasterType.HOST_MASTER_TYPE_LINUX_BRIDGE);
        Intent accepted = assertInstanceOf(ObjectValidation.Accepted.class, validate(sent)).intent();

        var back = IntentProtos.toProto("c", accepted, Source.SOURCE_GRPC);

        assertEquals(EVERY_OPERATOR, back.getNodeSelector());
        assertEquals(HostMasterType.HOST_MASTER_TYPE_LINUX_BRIDGE, back.getL2Vni().getHostMaster().getType());
    }

    @Test
    void unspecifiedEnumsAreRefusedByValidationNotGuessed() {
        var sent = l2(LabelSelector.newBuilder().addMatchExpressions(
                requirement("zone", SelectorOperator.SELECTOR_OPERATOR_UNSPECIFIED, "a")).build(),
                HostMasterType.HOST_MASTER_TYPE_UNSPECIFIED);

        List<String> fields = assertInstanceOf(ObjectValidation.Rejected.class, validate(sent)).errors().stream()
                .map(ResourceError::field).toList();

        assertTrue(fields.contains("spec.hostmaster.type"), fields.toString());
        assertTrue(fields.stream().anyMatch(f -> f.startsWith("spec.nodeSelector")), fields.toString());
    }
}
