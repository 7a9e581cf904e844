package io.openpe.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.intent.v1.Kind;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.intake.PlanIntake;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.reconcile.RecordingEnactor;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent in-process against a real KRaft broker. The enactor is the recording fake ({@link RecordingEnactorBean}):
 * this test proves intake, loop and status publishing; the real kernel path is {@code NodeAgentIT}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(NodeAgentTest.EnactingNodeA.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeAgentTest {

    static final String KEY = "local/node-a";

    public static class EnactingNodeA implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.node.enact", "true", "openpe.cluster", "local", "openpe.node.name", "node-a",
                    "openpe.node.resync-interval", "1h");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    RecordingEnactorBean enactor;

    @Inject
    NodeAgent agent;

    @Test
    @Order(1)
    void theNewestGenerationIsAppliedAndReportedWithEveryField() {
        Instant before = Instant.now();
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 1, "h1"),
                PlanTopics.plan("local", "node-b", 9, "other-node"), PlanTopics.plan("local", "node-a", 2, "h2"));

        NodeStatus status = awaitStatus(2);
        assertEquals("local", status.getCluster());
        assertEquals("node-a", status.getNode());
        assertEquals("h2", status.getAppliedPlanHash());
        assertEquals(3, status.getKernelWrites());
        assertTrue(status.getFrrReloaded());
        assertEquals(RecordingEnactor.FRR_HASH, status.getFrrConfigHash());
        assertEquals(2, status.getResultsCount());
        assertEquals("frr config", status.getResults(0).getObject());
        ObjectResult bridge = status.getResults(1);
        assertEquals("bridge br-pe-110", bridge.getObject());
        assertEquals(ObjectResult.State.STATE_APPLIED, bridge.getState());
        assertEquals(Kind.KIND_L2VNI, bridge.getSource().getKind());
        assertEquals("local", bridge.getSource().getCluster());
        assertEquals("vrf", status.getCapabilities(0).getCapability());
        assertFalse(status.getCapabilities(0).getSupported());
        assertTrue(status.getObservedAt().getSeconds() >= before.getEpochSecond());
        assertFalse(enactor.applied.contains(9L), "another node's plan was applied: " + enactor.applied);
        assertEquals(2L, enactor.applied.getLast());
    }

    @Test
    @Order(2)
    void plansArrivingDuringAnApplyAreCoalescedIntoTheLast() throws Exception {
        var entered = enactor.hold();
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 3, "h3"));
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        int before = enactor.applied.size();
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 4, "h4"));
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 5, "h5"));
        PlanTopics.publish(bootstrap, PlanTopics.plan("local", "node-a", 6, "h6"));
        // Generation 6 has reached the loop while generation 3 is still being applied.
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.heldGeneration().equals(OptionalLong.of(6)));
        enactor.release();
        awaitStatus(6);
        assertEquals(List.of(3L, 6L), enactor.applied.subList(before, enactor.applied.size()));
        List<Long> reported = PlanTopics.statuses(bootstrap, KEY).stream().map(NodeStatus::getAppliedGeneration)
                .toList();
        assertFalse(reported.contains(4L) || reported.contains(5L), reported.toString());
    }

    @Test
    @Order(3)
    void aRestartedIntakeReadsTheNewestPlanAgainFromTheBeginning() {
        List<NodePlan> received = new CopyOnWriteArrayList<>();
        try (PlanIntake restarted = new PlanIntake(bootstrap, KEY, received::add,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
            restarted.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(p -> p.generation() == 6));
            assertTrue(received.stream().allMatch(p -> p.node().equals("node-a")), received.toString());
        }
    }

    private NodeStatus awaitStatus(long generation) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> PlanTopics.statuses(bootstrap, KEY).stream()
                        .filter(s -> s.getAppliedGeneration() == generation).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }
}
