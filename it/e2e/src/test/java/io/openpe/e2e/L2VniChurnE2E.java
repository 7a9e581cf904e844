package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.e2e.fleet.ClusterIntents;
import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.e2e.fleet.Workloads;
import io.openpe.intent.v1.NodePlan;
import io.openpe.lab.LabNode;
import io.openpe.lab.PingResult;
import io.openpe.lab.PingRun;
import io.openpe.lab.SeedWorkloads;
import io.openpe.lab.Workload;
import io.openpe.node.v1.NodeStatus;
import io.openpe.proto.kafka.Topics;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An L2VNI added to cluster {@code pe-kind-a} while two pods ping over L2VNI 110 is enacted on every node of the
 * cluster without losing one echo request on 110; removed again, it leaves no object on any node of either cluster:
 * no link with its VNI in any router or host namespace, no {@code vni} statement in any FRR.
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class L2VniChurnE2E {

    private static final int VNI = 120;
    private static final String FILE = "l2vni-churn.yaml";
    private static final String CLUSTER = "pe-kind-a";

    @Test
    void addingAnL2VniLosesNoPacketOn110AndRemovingItLeavesNothing(Fleet fleet) {
        ClusterIntents intents = fleet.intents(CLUSTER);
        try (Workloads workloads = new Workloads(fleet.lab())) {
            Workload pod1 = workloads.plug(SeedWorkloads.POD_1, fleet.node(CLUSTER, 0));
            Workload pod2 = workloads.plug(SeedWorkloads.POD_2, fleet.node(CLUSTER, 1));
            Overlay.awaitReachable(pod1, pod2.ip());

            PingResult during;
            try (PingRun ping = pod1.pingContinuously(pod2.ip(), 0.05)) {
                intents.put(FILE, ClusterIntents.l2vni("churn", VNI, "192.170.20.1/24"));
                for (LabNode node : fleet.lab().cluster(CLUSTER).nodes()) {
                    NodePlan plan = awaitPlan(fleet, node, true);
                    awaitApplied(fleet, node, plan);
                    assertTrue(node.routerIp("link", "show", "vni" + VNI).ok(), "vni" + VNI + " on " + node);
                    assertTrue(node.hostIp("link", "show", "br-hs-" + VNI).ok(), "br-hs-" + VNI + " on " + node);
                }
                during = ping.stop();
            } finally {
                intents.remove(FILE);
            }
            // The ping starts before the intent is written and stops once every node applied it, so it spans the
            // change however fast the change is (since the plan loop's back-off fix, about half a second here).
            assertTrue(during.transmitted() > 0, "the ping ran through the change: " + during);
            assertEquals(0, during.lost(), "echo requests lost on L2VNI 110 while L2VNI " + VNI + " was added: "
                    + during);

            for (LabNode node : fleet.lab().cluster(CLUSTER).nodes()) {
                awaitApplied(fleet, node, awaitPlan(fleet, node, false));
            }
            for (LabNode node : fleet.nodes()) {
                assertEquals(List.of(), links(node.routerIp("-o", "link", "show").orThrow().stdout()),
                        "router namespace of " + node);
                assertEquals(List.of(), links(node.hostIp("-o", "link", "show").orThrow().stdout()),
                        "host namespace of " + node);
                String running = node.vtysh("show running-config").orThrow().stdout();
                assertTrue(running.lines().noneMatch(l -> l.strip().equals("vni " + VNI)),
                        node + "'s FRR still names VNI " + VNI + ":\n" + running);
            }
        }
    }

    private static NodePlan awaitPlan(Fleet fleet, LabNode node, boolean withVni) {
        String key = Topics.nodeKey(node.cluster(), node.name());
        return await("plan of " + key + (withVni ? " with" : " without") + " L2VNI " + VNI)
                .atMost(Overlay.CONVERGE)
                .until(() -> fleet.plans().latest().get(key), p -> p != null
                        && p.getL2DomainsList().stream().anyMatch(d -> d.getVni() == VNI) == withVni);
    }

    private static NodeStatus awaitApplied(Fleet fleet, LabNode node, NodePlan plan) {
        String key = Topics.nodeKey(node.cluster(), node.name());
        return await("node-status of " + key + " at generation " + plan.getGeneration()).atMost(Overlay.CONVERGE)
                .until(() -> fleet.nodeStatus().latest().get(key),
                        s -> s != null && s.getAppliedGeneration() >= plan.getGeneration());
    }

    /** Links of {@code ip -o link show} whose name carries the churned VNI (br-pe-120, vni120, br-hs-120, veths). */
    private static List<String> links(String ipOutput) {
        return ipOutput.lines().map(l -> l.split(":\\s+")[1].split("@")[0])
                .filter(name -> name.matches(".*\\D" + VNI + "(\\D.*)?|" + VNI)).toList();
    }
}
