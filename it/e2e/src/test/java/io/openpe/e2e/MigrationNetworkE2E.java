package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.intent.v1.GetPlanRequest;
import io.openpe.intent.v1.IntentServiceGrpc;
import io.openpe.intent.v1.L2DomainPlan;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.PlanWarning;
import io.openpe.lab.LabNode;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.proto.kafka.Topics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 003's dedicated migration network, L2VNI 666 in VRF {@code rouge}, which no L3VNI defines: on every node of
 * both clusters it is planned as a node-local VRF with the plan's warning (on {@code openpe.plans} and from
 * intent-service's {@code GetPlan}: "no L3VNI on node ... defines VRF rouge: the VRF is local to this node ..."), and
 * its layer-2 objects exist in the kernel: {@code br-hs-666}, the host bridge seed 003's attachment names, in the host
 * namespace; the gateway bridge and {@code vni666} in the router namespace, reported applied on node-status.
 * The VRF device itself cannot be created on this kernel (no CONFIG_NET_VRF, README).
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class MigrationNetworkE2E {

    @Test
    void migrationL2VniIsOnEveryNodeWithItsNodeLocalVrfWarning(Fleet fleet) {
        for (LabNode node : fleet.nodes()) {
            String key = Topics.nodeKey(node.cluster(), node.name());
            NodePlan plan = await("plan of " + key + " with L2VNI 666").atMost(Overlay.CONVERGE)
                    .until(() -> fleet.plans().latest().get(key), p -> p != null && migration(p) != null);
            L2DomainPlan domain = migration(plan);
            assertEquals("rouge", domain.getVrf());
            assertTrue(domain.getVrfNodeLocal(), "VRF rouge is node-local on " + key);
            assertEquals("br-hs-666", domain.getHostBridge().getName(), "seed 003's NAD names br-hs-666");
            assertEquals("192.170.10.1/24", domain.getGatewayIp());

            List<PlanWarning> warnings = plan.getWarningsList().stream()
                    .filter(w -> w.getObject().getName().equals("migration")).toList();
            assertEquals(1, warnings.size(), "one warning for L2VNI migration on " + key + ": " + warnings);
            assertEquals("spec.vrf", warnings.getFirst().getField());
            assertTrue(warnings.getFirst().getMessage().startsWith(
                    "no L3VNI on node " + node.name() + " defines VRF rouge: the VRF is local to this node"),
                    warnings.getFirst().getMessage());
            assertEquals(warnings, grpcPlan(fleet, node).getWarningsList().stream()
                    .filter(w -> w.getObject().getName().equals("migration")).toList(),
                    "intent-service's GetPlan tells the operator the same");

            NodeStatus status = await("node-status of " + key + " at generation " + plan.getGeneration())
                    .atMost(Overlay.CONVERGE)
                    .until(() -> fleet.nodeStatus().latest().get(key),
                            s -> s != null && s.getAppliedGeneration() >= plan.getGeneration());
            for (String object : List.of("bridge " + domain.getBridge(), "vxlan " + domain.getVxlan().getName())) {
                ObjectResult result = status.getResultsList().stream().filter(r -> r.getObject().equals(object))
                        .findFirst().orElseThrow(() -> new AssertionError(key + " reports no " + object + ": "
                                + status.getResultsList()));
                assertEquals(ObjectResult.State.STATE_APPLIED, result.getState(), key + " " + object + ": "
                        + result.getReason());
            }
            assertTrue(node.routerIp("link", "show", domain.getBridge()).ok(), domain.getBridge() + " on " + node);
            assertTrue(node.routerIp("-d", "link", "show", domain.getVxlan().getName()).stdout().contains("id 666"),
                    domain.getVxlan().getName() + " carries VNI 666 on " + node);
            assertTrue(node.hostIp("link", "show", "br-hs-666").ok(), "br-hs-666 in the host namespace of " + node);
        }
    }

    private static L2DomainPlan migration(NodePlan plan) {
        return plan.getL2DomainsList().stream().filter(d -> d.getVni() == 666).findFirst().orElse(null);
    }

    private static NodePlan grpcPlan(Fleet fleet, LabNode node) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1",
                fleet.service("intent-service-" + node.cluster()).grpcPort()).usePlaintext().build();
        try {
            return IntentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getPlan(GetPlanRequest.newBuilder().setNode(node.name()).build()).getPlan();
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
