package io.openpe.node.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the publisher hands the node-status channel, and what a report does when the channel gives up. */
class StatusPublisherTest {

    private static final PlanRefusal REFUSAL = new PlanRefusal(4, "h4",
            List.of(new FieldError("l2Domains[0].bridge", Optional.empty(), "too long")));

    @Test
    void aStatusIsOneRecordOnTheNodeStatusTopicKeyedClusterSlashNode() {
        List<OutgoingKafkaRecord<String, NodeStatus>> sent = new ArrayList<>();
        StatusPublisher publisher = new StatusPublisher(record -> {
            sent.add(record);
            return Uni.createFrom().voidItem();
        }, "south", "s1", Duration.ofSeconds(5));

        publisher.refusedBeforeAnyPlan(REFUSAL);

        assertEquals(1, sent.size());
        assertEquals(Topics.NODE_STATUS, sent.getFirst().getTopic());
        assertEquals("south/s1", sent.getFirst().getKey());
        assertEquals(4, sent.getFirst().getPayload().getRefusedPlan().getGeneration());
    }

    @Test
    void aNackedStatusFailsTheReportWithTheNodeAndTheReasonSoThatTheLoopRetries() {
        StatusPublisher publisher = new StatusPublisher(
                record -> Uni.createFrom().failure(new IllegalStateException("Expiring 1 record(s)")),
                "south", "s1", Duration.ofSeconds(5));

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> publisher.refusedBeforeAnyPlan(REFUSAL));

        assertTrue(failed.getMessage().contains("south/s1"), failed.getMessage());
        assertTrue(failed.getMessage().contains("Expiring 1 record(s)"), failed.getMessage());
    }

    @Test
    void aStatusNeverAcknowledgedFailsTheReportAfterTheWait() {
        StatusPublisher publisher = new StatusPublisher(record -> Uni.createFrom().nothing(), "south", "s1",
                Duration.ofMillis(50));

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> publisher.refusedBeforeAnyPlan(REFUSAL));

        assertTrue(failed.getMessage().startsWith("node status of south/s1 not acknowledged"), failed.getMessage());
    }
}
