package io.openpe.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.PlanRefusal;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.node.intake.NodePlans;
import io.openpe.node.linux.NodeEnactor;
import io.openpe.node.process.ExternalProgram;
import io.openpe.node.reconcile.ApplyMetrics;
import io.openpe.node.reconcile.Backoff;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.reconcile.PlanLoop;
import io.openpe.node.reconcile.StatusSink;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.Exec;
import io.openpe.testkit.netns.NetnsLab;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: FRR hung (bgpd stopped with SIGSTOP) while the agent applies a plan. vtysh connects to the stopped daemon
 * and would wait for ever; the bounded run kills it, the pass reports the timeout on the FRR parts, the kernel part
 * of the plan is applied anyway, and once bgpd continues (SIGCONT) the loop's retry converges FRR too.
 */
@Tag("root")
class FrrHangIT {

    private static final Duration LIMIT = Duration.ofSeconds(3);

    @Test
    void aHungFrrFailsTheApplyWithATimeoutAndTheLoopGoesOnAndRecovers() {
        FrrInstance.requireInstalled();
        Duration before = ExternalProgram.limit();
        ExternalProgram.limit(LIMIT);
        List<Convergence> reports = new CopyOnWriteArrayList<>();
        StatusSink sink = new StatusSink() {
            @Override
            public void report(Convergence convergence) {
                reports.add(convergence);
            }

            @Override
            public void refusedBeforeAnyPlan(PlanRefusal refusal) {
            }
        };
        try (NetnsLab lab = NetnsLab.create("ed-"); FrrInstance frr = FrrInstance.start(lab.namespace("r"),
                "frr defaults datacenter\nhostname node-a\n!\n")) {
            String host = lab.namespace("h");
            NodeEnactor enactor = new NodeEnactor(Namespaces.of(frr.namespace(), host), Optional.of(
                    new FrrControl(FrrTools.in(frr.namespace(), frr.vtySocketDir(), frr.dir()))));
            long bgpd = frr.pid("bgpd");
            try (PlanLoop loop = new PlanLoop("lab/node-a", Optional.of(enactor::apply), sink,
                    new ApplyMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), Duration.ofHours(1),
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))) {
                loop.start();
                loop.offer(NodePlans.fromProto(ProtoPlans.l2vnis("lab", "node-a", 1, 110, 1)));
                await().atMost(Duration.ofSeconds(90)).until(() -> reports.stream()
                        .anyMatch(c -> c.plan().generation() == 1 && !c.failed()));

                signal("STOP", bgpd);
                long start = System.nanoTime();
                loop.offer(NodePlans.fromProto(ProtoPlans.l2vnis("lab", "node-a", 2, 110, 2)));
                Convergence hung = await().atMost(Duration.ofSeconds(60)).until(() -> reports.stream()
                        .filter(c -> c.plan().generation() == 2).findFirst(), Optional::isPresent).orElseThrow();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                List<ObjectResult> results = hung.enactment().orElseThrow().results();
                String frrReason = results.stream().filter(r -> r.object().startsWith("frr ") && r.failed())
                        .map(ObjectResult::reason).findFirst().orElseThrow(() -> new AssertionError(results));
                assertTrue(frrReason.contains("did not finish within 3 s"), frrReason);
                assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "bounded: " + took);
                assertTrue(results.stream().filter(r -> !r.object().startsWith("frr ")).noneMatch(ObjectResult::failed),
                        "the kernel part went on: " + results);
                assertTrue(lab.ip(frr.namespace(), "link", "show", "br-pe-111").contains("br-pe-111"));

                signal("CONT", bgpd);
                await().atMost(Duration.ofSeconds(60)).until(() -> reports.stream()
                        .anyMatch(c -> c.plan().generation() == 2 && !c.failed()));
                assertFalse(loop.refused().isPresent());
            } finally {
                signal("CONT", bgpd);
            }
        } finally {
            ExternalProgram.limit(before);
        }
    }

    private static void signal(String name, long pid) {
        Exec.run(List.of("kill", "-" + name, Long.toString(pid))).orThrow();
    }
}
