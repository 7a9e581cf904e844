package io.openpe.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.intake.PlanIntake;
import io.openpe.node.linux.NodeEnactor;
import io.openpe.node.reconcile.ApplyMetrics;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.reconcile.PlanLoop;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.netns.NetnsLab;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The agent's parts as NodeAgent wires them, with a real broker and the real kernel enactor in lab namespaces. */
@Tag("root")
class NodeAgentIT {

    private static final String KEY = "lab/node-a";

    @Test
    void aPlanOnKafkaBecomesKernelObjectsAndAnAppliedStatusAndAgainCostsNoWrite() {
        try (KafkaBroker broker = KafkaBroker.start(); NetnsLab lab = NetnsLab.create()) {
            broker.createOpenpeTopics();
            String bootstrap = broker.bootstrapServers();
            String router = lab.namespace("r");
            String host = lab.namespace("h");
            Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
            try (RawStatusChannel statuses = new RawStatusChannel(bootstrap);
                    PlanLoop loop = new PlanLoop(KEY, Optional.of(
                            new NodeEnactor(Namespaces.of(router, host), Optional.empty())::apply),
                            statuses.publisher("lab", "node-a"),
                            new ApplyMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), Duration.ofHours(1),
                            backoff);
                    PlanIntake intake = new PlanIntake(bootstrap, KEY, loop::offer, loop::refuse,
                            new UndecodableRecords("test", new SimpleMeterRegistry()), backoff)) {
                loop.start();
                intake.start();

                PlanTopics.publish(bootstrap, ProtoPlans.l2vnis("lab", "node-a", 1, 110, 1));
                NodeStatus first = awaitStatus(bootstrap, 1);
                assertTrue(first.getKernelWrites() > 0, first.toString());
                assertTrue(first.getResultsCount() > 0);
                assertTrue(first.getResultsList().stream()
                        .allMatch(r -> r.getState() == ObjectResult.State.STATE_APPLIED), first.toString());
                assertTrue(lab.ip(router, "-d", "link", "show", "vni110").contains("id 110"));
                assertTrue(lab.ip(router, "addr", "show", "br-pe-110").contains("10.100.0.1/24"));
                assertTrue(lab.ip(host, "link", "show", "host-110").contains("master br-hs-110"));

                // The same content again under the next generation: nothing is left to write.
                PlanTopics.publish(bootstrap, ProtoPlans.l2vnis("lab", "node-a", 2, 110, 1));
                NodeStatus second = awaitStatus(bootstrap, 2);
                assertEquals(0, second.getKernelWrites(), second.toString());
                assertFalse(second.getFrrReloaded());
            }
        }
    }

    private static NodeStatus awaitStatus(String bootstrap, long generation) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> PlanTopics.statuses(bootstrap, KEY).stream()
                        .filter(s -> s.getAppliedGeneration() == generation).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
