package io.openpe.proto.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.intent.v1.NodePlan;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class UndecodableRecordsTest {

    private static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};

    @Test
    void aBadValueIsSkippedAndCountedOnceWithTopicAndPartitionEvenWhenReadAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        UndecodableRecords policy = new UndecodableRecords("node-programmer", registry);
        ConsumerRecord<String, byte[]> bad = new ConsumerRecord<>(Topics.PLANS, 3, 41, "c/n", GARBAGE);

        assertEquals(Optional.empty(), policy.decode(bad, NodePlan.parser()));
        assertEquals(Optional.empty(), policy.decode(bad, NodePlan.parser()), "met again after a re-read");
        assertEquals(1, policy.skipped());
        assertEquals(1.0, registry.get(UndecodableRecords.METRIC).tag("topic", Topics.PLANS).tag("partition", "3")
                .tag("consumer", "node-programmer").counter().count());
        assertTrue(policy.healthData().get("lastSkippedRecord").toString().startsWith("openpe.plans-3@41: not a valid"),
                policy.healthData().toString());

        NodePlan plan = NodePlan.newBuilder().setCluster("c").setNode("n").setGeneration(7).build();
        assertEquals(Optional.of(plan), policy.decode(
                new ConsumerRecord<>(Topics.PLANS, 3, 42, "c/n", plan.toByteArray()), NodePlan.parser()));
        assertEquals(Optional.empty(), policy.decode(
                new ConsumerRecord<String, byte[]>(Topics.PLANS, 3, 43, "c/n", null), NodePlan.parser()));
        assertEquals(1, policy.skipped(), "a tombstone is not a skip");
    }
}
