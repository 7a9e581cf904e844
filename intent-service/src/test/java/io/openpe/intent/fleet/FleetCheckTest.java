package io.openpe.intent.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.openpe.intent.directory.Manifests;
import io.openpe.intent.fleet.FleetFinding.Check;
import io.openpe.intent.fleet.FleetFinding.Party;
import io.openpe.intent.model.Intent;
import io.openpe.intent.model.Node;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.NodePlans;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.validation.ConflictResolution;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ObjectValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The fleet check over the seeds' YAML as shipped in {@code k8s/examples/local} (seed 001's Underlay, seed 002's
 * L3VNI, seed 000's L2VNI 110 and seed 003's L2VNI 666), applied in cluster pe-kind-a, and variants of it in
 * pe-kind-b. Expected addresses follow DESIGN §4 by hand: node i gets VTEP host number i of the VTEP range and router
 * id host number i+1 of the router id range (default 10.0.0.0/24).
 */
class FleetCheckTest {

    private static final String A = "pe-kind-a";
    private static final String B = "pe-kind-b";
    private static final String NS = "openperouter-system";
    private static final ObjectId UNDERLAY = ObjectId.underlay(NS, "underlay");
    private static final ObjectId LAYER2 = ObjectId.l2Vni(NS, "layer2");
    private static final Path EXAMPLES = Path.of("..", "k8s", "examples", "local");
    private static final String SEEDS = String.join("\n---\n", example("underlay.yaml"), example("l3vni-red.yaml"),
            example("l2vni-layer2.yaml"), example("l2vni-migration.yaml"));
    /** Cluster B's own underlay, as in OpenPERouter's multi-cluster example (DESIGN §10). */
    private static final String OWN_UNDERLAY = """
            apiVersion: openpe.openperouter.github.io/v1alpha1
            kind: Underlay
            metadata:
              name: underlay
              namespace: openperouter-system
            spec:
              asn: 64518
              evpn:
                vtepcidr: 100.65.1.0/24
              routeridcidr: 10.0.1.0/24
              nics:
                - toswitch
              neighbors:
                - asn: 64516
                  address: 192.168.12.2
            """;
    private static final String B_OWN = SEEDS.replace(example("underlay.yaml"), OWN_UNDERLAY);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the seeds applied unchanged in both clusters", SEEDS, 2, List.of(
                        range(Check.VTEP_RANGE_OVERLAP, "VTEP ranges", "100.65.0.0/24", "100.65.0.0/24", "spec.evpn.vtepcidr"),
                        range(Check.ROUTER_ID_RANGE_OVERLAP, "router id ranges", "10.0.0.0/24", "10.0.0.0/24", "spec.routeridcidr"),
                        collision(Check.VTEP_COLLISION, "100.65.0.0", "node-0", "spec.evpn.vtepcidr"),
                        collision(Check.VTEP_COLLISION, "100.65.0.1", "node-1", "spec.evpn.vtepcidr"),
                        collision(Check.ROUTER_ID_COLLISION, "10.0.0.1", "node-0", "spec.routeridcidr"),
                        collision(Check.ROUTER_ID_COLLISION, "10.0.0.2", "node-1", "spec.routeridcidr"))),
                Arguments.of("pe-kind-b with its own underlay", B_OWN, 2, List.of()),
                Arguments.of("pe-kind-b's L2VNI 110 with another gateway", B_OWN.replace("192.170.1.1/24", "192.170.1.254/24"),
                        2, List.of(l2(Check.L2VNI_GATEWAY, "192.170.1.1/24", "192.170.1.254/24", "spec.l2gatewayip"))),
                Arguments.of("pe-kind-b's L2VNI 110 with another prefix length",
                        B_OWN.replace("192.170.1.1/24", "192.170.1.1/25"), 2,
                        List.of(l2(Check.L2VNI_GATEWAY, "192.170.1.1/24", "192.170.1.1/25", "spec.l2gatewayip"))),
                Arguments.of("pe-kind-b's L2VNI 110 in another VRF", B_OWN.replace("vrf: red", "vrf: blue"), 2,
                        List.of(l2(Check.L2VNI_VRF, "red", "blue", "spec.vrf"))),
                Arguments.of("pe-kind-b's L2VNI 110 without VRF or gateway",
                        B_OWN.replace("  l2gatewayip: 192.170.1.1/24\n", "").replace("  vrf: red\n", ""), 2, List.of(
                                l2(Check.L2VNI_GATEWAY, "192.170.1.1/24", "(none)", "spec.l2gatewayip"),
                                l2(Check.L2VNI_VRF, "red", "(none)", "spec.vrf"))),
                Arguments.of("pe-kind-b's L2VNI 110 as VNI 111: not the same L2VNI",
                        B_OWN.replace("vni: 110", "vni: 111").replace("192.170.1.1/24", "192.170.1.254/24"), 2, List.of()),
                Arguments.of("VTEP ranges overlap, no two nodes collide yet",
                        B_OWN.replace("100.65.1.0/24", "100.65.0.128/25"), 2, List.of(
                                new FleetFinding(Check.VTEP_RANGE_OVERLAP, "VTEP ranges",
                                        new Party(A, UNDERLAY, Optional.empty(), "100.65.0.0/24"),
                                        new Party(B, UNDERLAY, Optional.empty(), "100.65.0.128/25"),
                                        "spec.evpn.vtepcidr"))),
                Arguments.of("the seeds unchanged, pe-kind-b has one node: only node-0 collides", SEEDS, 1, List.of(
                        range(Check.VTEP_RANGE_OVERLAP, "VTEP ranges", "100.65.0.0/24", "100.65.0.0/24", "spec.evpn.vtepcidr"),
                        range(Check.ROUTER_ID_RANGE_OVERLAP, "router id ranges", "10.0.0.0/24", "10.0.0.0/24", "spec.routeridcidr"),
                        collision(Check.VTEP_COLLISION, "100.65.0.0", "node-0", "spec.evpn.vtepcidr"),
                        collision(Check.ROUTER_ID_COLLISION, "10.0.0.1", "node-0", "spec.routeridcidr"))),
                Arguments.of("pe-kind-b has no Underlay: nothing to collide with",
                        SEEDS.replace(example("underlay.yaml"), ""), 2, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findings(String name, String clusterB, int nodesOfB, List<FleetFinding> expected) {
        ClusterView a = view(A, SEEDS, 2);
        ClusterView b = view(B, clusterB, nodesOfB);

        assertEquals(expected, FleetCheck.findings(a, List.of(b)));
        // Each side sees the same conflicts, with itself as "here".
        assertEquals(expected.stream().map(FleetCheckTest::mirrored).sorted().toList(), FleetCheck.findings(b, List.of(a)));
    }

    @Test
    void aViewOfTheSameClusterIsNotCompared() {
        assertEquals(List.of(), FleetCheck.findings(view(A, SEEDS, 2), List.of(view(A, SEEDS, 2))));
    }

    @Test
    void everyOtherClusterIsCompared() {
        List<FleetFinding> findings = FleetCheck.findings(view(A, SEEDS, 2),
                List.of(view(B, B_OWN, 2), view("pe-kind-c", SEEDS, 1)));
        assertEquals(List.of("pe-kind-c"), findings.stream().map(f -> f.there().cluster()).distinct().toList());
        assertEquals(4, findings.size(), findings.toString());
    }

    @Test
    void theMessageNamesBothClustersBothObjectsTheFieldAndBothValues() {
        FleetFinding gateway = FleetCheck.findings(view(A, SEEDS, 2),
                List.of(view(B, B_OWN.replace("192.170.1.1/24", "192.170.1.254/24"), 2))).getFirst();
        assertEquals("VNI 110 is stretched with different gateways: spec.l2gatewayip is 192.170.1.1/24 in "
                + "L2VNI openperouter-system/layer2 of cluster pe-kind-a and 192.170.1.254/24 in "
                + "L2VNI openperouter-system/layer2 of cluster pe-kind-b", gateway.message());
        FleetFinding vtep = FleetCheck.findings(view(A, SEEDS, 1), List.of(view(B, SEEDS, 1))).stream()
                .filter(f -> f.check() == Check.VTEP_COLLISION).findFirst().orElseThrow();
        assertEquals("100.65.0.0 is the VTEP address of two nodes: node node-0 of cluster pe-kind-a "
                + "(Underlay openperouter-system/underlay) and node node-0 of cluster pe-kind-b "
                + "(Underlay openperouter-system/underlay), both from spec.evpn.vtepcidr", vtep.message());
        assertEquals("vtep-collision:pe-kind-a/openperouter-system/underlay@node-0~pe-kind-b/openperouter-system/underlay@node-0",
                vtep.id());
        assertTrue(mirrored(vtep).id().startsWith("vtep-collision:pe-kind-b/"));
    }

    // ---- building the views the way intent-service does: validate, resolve conflicts, plan

    static ClusterView view(String cluster, String yaml, int nodeCount) {
        List<Intent> accepted = new ArrayList<>();
        for (HasMetadata object : Manifests.parse(cluster, yaml).objects()) {
            accepted.add(assertInstanceOf(ObjectValidation.Accepted.class,
                    IntentValidation.validateObject(object, Optional.<Intent>empty())).intent());
        }
        ConflictResolution resolution = IntentValidation.resolveConflicts(io.openpe.intent.model.Intents.of(accepted));
        List<Node> nodes = IntStream.range(0, nodeCount).mapToObj(i -> new Node("node-" + i, i, Map.of())).toList();
        List<PlannedNode> planned = NodePlans.forNodes(cluster, nodes, resolution.winners(), PlanSettings.DEFAULTS)
                .values().stream().flatMap(p -> PlannedNode.fromPlan(p).stream()).toList();
        return new ClusterView(cluster, resolution.winners(), planned);
    }

    private static FleetFinding range(Check check, String subject, String mine, String theirs, String field) {
        return new FleetFinding(check, subject, new Party(A, UNDERLAY, Optional.empty(), mine),
                new Party(B, UNDERLAY, Optional.empty(), theirs), field);
    }

    private static FleetFinding collision(Check check, String address, String node, String field) {
        return new FleetFinding(check, address, new Party(A, UNDERLAY, Optional.of(node), address),
                new Party(B, UNDERLAY, Optional.of(node), address), field);
    }

    private static FleetFinding l2(Check check, String mine, String theirs, String field) {
        return new FleetFinding(check, "VNI 110", new Party(A, LAYER2, Optional.empty(), mine),
                new Party(B, LAYER2, Optional.empty(), theirs), field);
    }

    private static FleetFinding mirrored(FleetFinding f) {
        return new FleetFinding(f.check(), f.subject(), f.there(), f.here(), f.field());
    }

    private static String example(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
