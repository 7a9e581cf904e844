package io.openpe.node.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.openpe.intent.v1.Kind;
import io.openpe.node.desired.FrrPart;
import io.openpe.node.desired.KernelEnactment;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.frrctl.FrrEnactment;
import io.openpe.node.linux.Enactment;
import io.openpe.node.reconcile.Convergence;
import io.openpe.node.v1.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeStatusesTest {

    private static final NodePlan PLAN = new NodePlan("c1", "n1", 12, "abc", Optional.empty(), List.of(), List.of(),
            Optional.empty());
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00.500Z");

    @Test
    void aFailedL3vniAndTheFrrConfigAreReportedPerObjectWithTheirReasons() {
        SourceRef red = new SourceRef("L3VNI", "ns", "red");
        Enactment enactment = new Enactment(12, "abc", Optional.of(new FrrEnactment(false, "ff", Optional.empty())),
                List.of(), new KernelEnactment(List.of(), List.of(ObjectResult.failed("vrf red", Optional.of(red), "no VRF")),
                        0, List.of()));

        NodeStatus status = NodeStatuses.toProto("c1", "n1", new Convergence(PLAN, Optional.of(enactment), AT,
                Duration.ofMillis(5)));

        assertEquals(12, status.getAppliedGeneration());
        assertEquals("abc", status.getAppliedPlanHash());
        assertEquals("ff", status.getFrrConfigHash());
        assertFalse(status.getFrrReloaded());
        assertEquals(1763719200L + 365L * 86400, status.getObservedAt().getSeconds());
        assertEquals(500_000_000, status.getObservedAt().getNanos());
        assertEquals(2, status.getResultsCount());
        assertEquals("frr config", status.getResults(0).getObject());
        assertEquals(io.openpe.node.v1.ObjectResult.State.STATE_APPLIED, status.getResults(0).getState());
        var vrf = status.getResults(1);
        assertEquals(io.openpe.node.v1.ObjectResult.State.STATE_FAILED, vrf.getState());
        assertEquals("no VRF", vrf.getReason());
        assertEquals(Kind.KIND_L3VNI, vrf.getSource().getKind());
        assertEquals("red", vrf.getSource().getName());
    }

    @Test
    void anObservingAgentReportsThePlanAsPendingNotEnacted() {
        NodeStatus status = NodeStatuses.toProto("c1", "n1", new Convergence(PLAN, Optional.empty(), AT,
                Duration.ZERO));
        assertEquals(12, status.getAppliedGeneration());
        assertEquals(1, status.getResultsCount());
        assertEquals(io.openpe.node.v1.ObjectResult.State.STATE_PENDING, status.getResults(0).getState());
        assertEquals(NodeStatuses.NOT_ENACTED_REASON, status.getResults(0).getReason());
        assertEquals(0, status.getKernelWrites());
    }

    @Test
    void aFailedFrrReloadFailsEveryFrrPartUnderTheIntentItServes() {
        SourceRef underlay = new SourceRef("Underlay", "ns", "fabric");
        SourceRef red = new SourceRef("L3VNI", "ns", "red");
        Enactment enactment = new Enactment(3, "def",
                Optional.of(new FrrEnactment(true, "ee", Optional.of("frr-reload.py: line 12: % Unknown command"))),
                List.of(new FrrPart("frr router bgp 64514", underlay), new FrrPart("frr vrf red", red)),
                new KernelEnactment(List.of(), List.of(), 0, List.of()));

        NodeStatus status = NodeStatuses.toProto("c1", "n1", new Convergence(PLAN, Optional.of(enactment), AT,
                Duration.ofMillis(5)));

        assertEquals(2, status.getResultsCount());
        var bgp = status.getResults(0);
        assertEquals("frr router bgp 64514", bgp.getObject());
        assertEquals(io.openpe.node.v1.ObjectResult.State.STATE_FAILED, bgp.getState());
        assertEquals("frr-reload.py: line 12: % Unknown command", bgp.getReason());
        assertEquals(Kind.KIND_UNDERLAY, bgp.getSource().getKind());
        assertEquals("fabric", bgp.getSource().getName());
        var vrf = status.getResults(1);
        assertEquals("frr vrf red", vrf.getObject());
        assertEquals(io.openpe.node.v1.ObjectResult.State.STATE_FAILED, vrf.getState());
        assertEquals(Kind.KIND_L3VNI, vrf.getSource().getKind());
        assertEquals("red", vrf.getSource().getName());
    }
}
