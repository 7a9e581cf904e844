package io.openpe.node.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.node.PlanTopics;
import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.kafka.InjectKafkaBroker;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: node-status goes through the SmallRye {@code node-status} channel on a real broker. A status is on
 * openpe.node-status under the node's key; the channel's producer is idempotent with {@code acks=all}, inherits the
 * service's {@code kafka.*} configuration, and its client metrics are in Micrometer; a broker outage shorter than the
 * delivery timeout loses nothing (the report waits and is acknowledged once the broker is back).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class StatusChannelTest {

    @Inject
    @Channel("node-status")
    MutinyEmitter<NodeStatus> statuses;

    @Inject
    KafkaClientService clients;

    @Inject
    MeterRegistry registry;

    @InjectKafkaBroker
    KafkaBroker broker;

    private StatusPublisher publisher(String node) {
        return new StatusPublisher(statuses::sendMessage, "chan", node, Duration.ofSeconds(35));
    }

    private static PlanRefusal refusal(long generation) {
        return new PlanRefusal(generation, "h" + generation,
                List.of(new FieldError("l3Domains[0].vrf", Optional.empty(), "not a name")));
    }

    @Test
    void aStatusIsOnTheTopicUnderTheNodesKeyThroughAnIdempotentAcksAllChannel() {
        publisher("n1").refusedBeforeAnyPlan(refusal(3));

        List<NodeStatus> published = PlanTopics.statuses(broker.bootstrapServers(), "chan/n1");
        assertEquals(List.of(3L), published.stream().map(s -> s.getRefusedPlan().getGeneration()).toList());
        assertEquals("not a name", published.getFirst().getRefusedPlan().getErrors(0).getReason());

        Map<String, ?> producer = clients.getProducer("node-status").configuration();
        assertEquals("all", producer.get("acks"));
        assertEquals("true", producer.get("enable.idempotence"));
        assertEquals(ProtobufSerializer.class.getName(), producer.get("value.serializer"));
        assertEquals(Integer.toString(Topics.MAX_RECORD_BYTES), producer.get("max.request.size"),
                "a status may be as large as a plan");
        assertEquals(broker.bootstrapServers(), producer.get("bootstrap.servers"),
                "the channel is configured from the service's kafka.* properties");
        String clientId = producer.get("client.id").toString();
        assertTrue(registry.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith("kafka.producer.")
                && clientId.equals(m.getId().getTag("client.id"))),
                "the channel's producer metrics are bound to Micrometer (client " + clientId + ")");
    }

    @Test
    void aStatusSentWhileTheBrokerIsDownIsAcknowledgedOnceItIsBackAndNotLost() {
        publisher("n2").refusedBeforeAnyPlan(refusal(1));
        broker.stop();
        CompletableFuture<Void> report = CompletableFuture.runAsync(() -> publisher("n2").refusedBeforeAnyPlan(
                refusal(2)));
        try {
            assertFalse(report.isDone(), "no acknowledgement can come while the broker is down");
        } finally {
            broker.startAgain();
        }
        report.join();

        List<Long> published = PlanTopics.statuses(broker.bootstrapServers(), "chan/n2").stream()
                .map(s -> s.getRefusedPlan().getGeneration()).toList();
        assertEquals(List.of(1L, 2L), published, "nothing lost, nothing duplicated");
    }
}
