package io.openpe.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.L3DomainPlan;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.VxlanPlan;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.intake.NodePlans;
import io.openpe.node.intake.PlanIntake;
import io.openpe.node.linux.NodeEnactor;
import io.openpe.node.reconcile.ApplyMetrics;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.reconcile.PlanLoop;
import io.openpe.node.v1.FieldError;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBroker;
import io.openpe.testkit.netns.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's hostile plan, published straight onto {@code openpe.plans} (as anything with write access to the topic
 * could) and read by the real intake, enacted with the real {@code ip} in lab namespaces: a VRF name carrying a newline
 * and an {@code ip -batch} {@code netns exec ... touch MARKER} line, a bridge name of 16 characters, a gateway that is
 * not an address. No command may run: the marker never appears and the lab holds no link of the plan.
 */
@Tag("root")
class HostilePlanIT {

    private static final String KEY = "lab/node-a";

    @Test
    void aHostilePlanOnTheTopicRunsNoCommandIsReportedAndTheNextGoodPlanApplies() throws Exception {
        Path marker = Path.of("/tmp", "ed-hostile-" + UUID.randomUUID());
        try (KafkaBroker broker = KafkaBroker.start(); NetnsLab lab = NetnsLab.create("ed-")) {
            broker.createOpenpeTopics();
            String bootstrap = broker.bootstrapServers();
            String router = lab.namespace("r");
            String host = lab.namespace("h");
            NodePlan hostile = hostile(1, host, marker);

            // The attack is real: the same line given to ip -batch as it is runs the injected command.
            Path proof = Path.of(marker + "-proof");
            lab.exec(router, "sh", "-c", "printf 'link add x type dummy\\nnetns exec " + host + " touch " + proof
                    + "\\n' | ip -force -batch -");
            assertTrue(Files.exists(proof), "ip -batch runs netns exec lines: the test's premise");
            Files.delete(proof);

            NodeEnactor enactor = new NodeEnactor(Namespaces.of(router, host), Optional.empty());
            // Validation bypassed: the enactor is handed the hostile plan directly; the builders refuse its values.
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> enactor.apply(NodePlans.fromProto(hostile)));
            assertTrue(refused.getMessage().startsWith("an interface name")
                    || refused.getMessage().startsWith("a command token"), refused.getMessage());
            assertFalse(Files.exists(marker), "no command of a hostile plan runs, even past validation");
            assertEquals(List.of(), planLinks(lab, router), "nothing of the hostile plan reached the kernel");

            Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
            try (RawStatusChannel statuses = new RawStatusChannel(bootstrap);
                    PlanLoop loop = new PlanLoop(KEY, Optional.of(enactor::apply),
                            statuses.publisher("lab", "node-a"),
                            new ApplyMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), Duration.ofHours(1),
                            backoff);
                    PlanIntake intake = new PlanIntake(bootstrap, KEY, loop::offer, loop::refuse,
                            new UndecodableRecords("test", new SimpleMeterRegistry()), backoff)) {
                loop.start();
                intake.start();

                PlanTopics.publish(bootstrap, hostile);
                NodeStatus status = await().atMost(Duration.ofSeconds(60)).until(
                        () -> PlanTopics.statuses(bootstrap, KEY).stream()
                                .filter(s -> s.getRefusedPlan().getGeneration() == 1).findFirst(),
                        Optional::isPresent).orElseThrow();
                List<String> fields = status.getRefusedPlan().getErrorsList().stream().map(FieldError::getField)
                        .toList();
                assertTrue(fields.contains("l3Domains[0].vrf"), fields.toString());
                assertTrue(fields.contains("l2Domains[0].bridge"), fields.toString());
                assertTrue(fields.contains("l2Domains[0].gatewayIp"), fields.toString());
                String reasons = status.getRefusedPlan().getErrorsList().toString();
                assertTrue(reasons.contains("\\\\n"), "the newline is quoted escaped: " + reasons);
                assertFalse(Files.exists(marker));
                assertEquals(List.of(), planLinks(lab, router));

                PlanTopics.publish(bootstrap, ProtoPlans.l2vnis("lab", "node-a", 2, 110, 1));
                NodeStatus good = await().atMost(Duration.ofSeconds(60)).until(
                        () -> PlanTopics.statuses(bootstrap, KEY).stream()
                                .filter(s -> s.getAppliedGeneration() == 2).findFirst(),
                        Optional::isPresent).orElseThrow();
                assertFalse(good.hasRefusedPlan(), good.toString());
                assertTrue(good.getResultsList().stream()
                        .allMatch(r -> r.getState() == ObjectResult.State.STATE_APPLIED), good.toString());
                assertTrue(lab.ip(router, "addr", "show", "br-pe-110").contains("10.100.0.1/24"));
                assertFalse(Files.exists(marker));
            }
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    /** Seed-like plan (one good L2VNI's worth of fields) with the three hostile values. */
    private static NodePlan hostile(long generation, String hostNamespace, Path marker) {
        NodePlan base = ProtoPlans.l2vnis("lab", "node-a", generation, 110, 1);
        return base.toBuilder()
                .setL2Domains(0, base.getL2Domains(0).toBuilder().setBridge("br-pe-1234567890")
                        .setGatewayIp("not-an-address"))
                .addL3Domains(L3DomainPlan.newBuilder()
                        .setSource(ObjectRef.newBuilder().setCluster("lab").setKind(Kind.KIND_L3VNI)
                                .setNamespace("lab").setName("red"))
                        .setVrf("red\nnetns exec " + hostNamespace + " touch " + marker)
                        .setVni(100).setBridge("br-pe-100")
                        .setVxlan(VxlanPlan.newBuilder().setName("vni100").setVni(100).setLocalIp("100.65.0.0")
                                .setDstPort(4789)))
                .build();
    }

    /** Links of the router namespace other than the loopback and the premise's dummy. */
    private static List<String> planLinks(NetnsLab lab, String namespace) {
        return lab.ip(namespace, "-o", "link", "show").lines()
                .map(l -> l.split(":")[1].strip().split("@")[0])
                .filter(n -> !n.equals("lo") && !n.equals("x")).toList();
    }
}
