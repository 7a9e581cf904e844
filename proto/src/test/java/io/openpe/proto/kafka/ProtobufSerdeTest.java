package io.openpe.proto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.UnderlayPlan;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ProtobufSerdeTest {

    private final NodePlan plan = NodePlan.newBuilder()
            .setCluster("c1").setNode("n0").setGeneration(3)
            .setUnderlay(UnderlayPlan.newBuilder().setAsn(64514).setVtepIp("100.65.0.0"))
            .build();

    @Test
    void roundTripsThroughConfiguredType() {
        var deserializer = new ProtobufDeserializer<NodePlan>();
        deserializer.configure(Map.of(ProtobufDeserializer.VALUE_TYPE_CONFIG, NodePlan.class.getName()), false);
        byte[] bytes = new ProtobufSerializer<NodePlan>().serialize("t", plan);
        assertEquals(plan, deserializer.deserialize("t", bytes));
    }

    @Test
    void tombstoneStaysNull() {
        assertNull(new ProtobufSerializer<NodePlan>().serialize("t", null));
        assertNull(new ProtobufDeserializer<>(NodePlan.parser()).deserialize("t", null));
    }

    @Test
    void garbageIsASerializationErrorNamingTheTopic() {
        var e = assertThrows(SerializationException.class,
                () -> new ProtobufDeserializer<>(NodePlan.parser()).deserialize("openpe.plans", new byte[] {(byte) 0xff, 1}));
        assertEquals("Invalid Protobuf value on topic openpe.plans", e.getMessage());
    }

    @Test
    void missingTypeIsRejectedAtConfigure() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ProtobufDeserializer<>().configure(Map.of(), false));
        assertEquals("openpe.protobuf.value.type must name the Protobuf message class", e.getMessage());
    }
}
