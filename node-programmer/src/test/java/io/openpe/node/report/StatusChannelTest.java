package io.openpe.node.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.openpe.node.PlanTopics;
import io.openpe.node.ProtoPlans;
import io.openpe.node.desired.DesiredState;
import io.openpe.node.desired.FieldError;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.frrctl.FrrEnactment;
import io.openpe.node.intake.NodePlans;
import io.openpe.node.linux.Enactment;
import io.openpe.node.reconcile.Convergence;
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
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
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

    /**
     * The status of a node of 10,000 L2VNIs, as the agent reports it after a full convergence (one result per FRR part
     * and per kernel object of the plan's desired state) and after an FRR reload that failed (every FRR part with the
     * reason), goes through the channel whole; its raw and gzip sizes are printed for docs/decisions.md.
     */
    @Test
    void theStatusOfANodeWithTenThousandL2vnisGoesThroughTheChannelWhole() throws Exception {
        io.openpe.node.desired.NodePlan plan = NodePlans.fromProto(ProtoPlans.l2vnis("chan", "big", 1, 100, 10_000));
        DesiredState desired = DesiredState.from(plan, Namespaces.defaults());
        List<ObjectResult> kernel = desired.kernel().stream()
                .map(d -> ObjectResult.applied(d.object().id(), Optional.of(d.source()))).toList();
        String reloadFailure = "frr-reload.py exited 1: line 40213: % Unknown command: vni 10099 (bgpd), the running"
                + " configuration stays as it was";
        for (Optional<String> frrFailure : List.of(Optional.<String>empty(), Optional.of(reloadFailure))) {
            Enactment enactment = new Enactment(plan.generation(), plan.contentHash(),
                    Optional.of(new FrrEnactment(true, "sha256:" + "0".repeat(64), frrFailure)), desired.frrParts(),
                    new KernelEnactment(List.of(), kernel, kernel.size(), List.of()));
            Convergence convergence = new Convergence(plan, Optional.of(enactment), Instant.now(), Duration.ofSeconds(9));
            NodeStatus status = NodeStatuses.toProto("chan", "big", convergence);
            String node = frrFailure.isEmpty() ? "big-applied" : "big-frr-failed";

            publisher(node).report(convergence);

            List<NodeStatus> published = PlanTopics.statuses(broker.bootstrapServers(), "chan/" + node);
            assertEquals(1, published.size());
            NodeStatus arrived = published.getFirst().toBuilder().setNode("big").build();
            assertEquals(status.toBuilder().setObservedAt(arrived.getObservedAt()).build(), arrived,
                    "the status arrives whole");
            int raw = status.getSerializedSize();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(status.toByteArray());
            }
            assertTrue(raw < Topics.MAX_RECORD_BYTES, "within the channel's max.request.size: " + raw);
            System.out.printf("node-status of 10,000 L2VNIs (%s): %d results, %d bytes raw (%d per L2VNI), %d bytes"
                    + " gzip%n", node, status.getResultsCount(), raw, raw / 10_000, compressed.size());
        }
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
