package io.openpe.intent.kube;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.CustomResource;
import io.openpe.intent.api.IntentStatus;
import io.openpe.intent.api.L2VNI;
import io.openpe.intent.directory.Manifests;
import io.openpe.intent.reconcile.PlanTopic;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.openpe.intent.v1.FleetCheck;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.node.v1.NodeStatus;
import io.openpe.node.v1.ObjectResult;
import io.openpe.proto.kafka.ProtobufSerializer;
import io.openpe.proto.kafka.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Kubernetes mode against the fabric8 mock API server in CRUD mode (no real API server runs on these machines) and a
 * real Kafka broker: objects and nodes come from informers, plans go to Kafka, indices and status go back to the
 * API server.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(KubernetesSourceKubeTest.KubernetesMode.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesSourceKubeTest {

    public static class KubernetesMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.kubernetes.enabled", "true", "openpe.cluster", "kube");
        }
    }

    /** The application's own client, pointed at the mock API server. */
    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    PlanTopic plans;

    @io.quarkus.grpc.GrpcClient("intent")
    io.openpe.intent.v1.IntentServiceGrpc.IntentServiceBlockingStub intents;

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URI metricsUri;

    @BeforeEach
    void tail() {
        plans = new PlanTopic(bootstrapServers);
    }

    @AfterEach
    void close() {
        plans.close();
    }

    @Test
    @Order(1)
    void nodesAndIntentsBecomePlansAndNodesGetStableIndices() throws Exception {
        client.nodes().resource(node("worker-b")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> index("worker-b").isPresent());
        client.nodes().resource(node("worker-a")).create();
        for (HasMetadata object : seeds()) {
            client.resource(object).create();
        }
        plans.await("kube/worker-a", p -> p.getL2DomainsCount() == 2);
        plans.await("kube/worker-b", p -> p.getL2DomainsCount() == 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> index("worker-a").isPresent() && index("worker-b").isPresent());
        assertEquals(Optional.of("0"), index("worker-b"), "the first node gets index 0");
        assertEquals(Optional.of("1"), index("worker-a"), "the next node the lowest free index");
        assertEquals("100.65.0.0", plans.await("kube/worker-b", p -> true).getUnderlay().getVtepIp());
        assertEquals("100.65.0.1", plans.await("kube/worker-a", p -> true).getUnderlay().getVtepIp());
    }

    @Test
    @Order(2)
    void statusCarriesReadyAndDegradedWithObservedGeneration() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(condition("layer2", "Ready").map(Condition::getStatus).orElse(null)));
        Condition ready = condition("layer2", "Ready").orElseThrow();
        assertEquals(l2("layer2").getMetadata().getGeneration(), ready.getObservedGeneration());
        assertEquals("False", condition("layer2", "Degraded").orElseThrow().getStatus());
    }

    @Test
    @Order(2)
    void grpcWritesToAnIntentOwnedByKubernetesAreRefusedWithTheReason() {
        var applied = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                () -> intents.apply(io.openpe.intent.v1.ApplyRequest.newBuilder().setManifest("""
                        apiVersion: openpe.openperouter.github.io/v1alpha1
                        kind: L2VNI
                        metadata: {name: layer2, namespace: openperouter-system}
                        spec:
                          vni: 111
                          hostmaster: {type: bridge, autocreate: true}
                        """).build()));
        assertEquals(io.grpc.Status.Code.FAILED_PRECONDITION, applied.getStatus().getCode());
        assertEquals("L2VNI openperouter-system/layer2 is owned by Kubernetes: change it with kubectl (the custom "
                + "resource), not over gRPC", applied.getStatus().getDescription());
        var deleted = org.junit.jupiter.api.Assertions.assertThrows(io.grpc.StatusRuntimeException.class,
                () -> intents.delete(io.openpe.intent.v1.DeleteRequest.newBuilder().setRef(ObjectRef.newBuilder()
                        .setKind(Kind.KIND_L2VNI).setNamespace("openperouter-system").setName("layer2")).build()));
        assertEquals(io.grpc.Status.Code.FAILED_PRECONDITION, deleted.getStatus().getCode());
        assertEquals(110, plans.await("kube/worker-a", p -> true).getL2DomainsList().stream()
                .filter(d -> d.getVni() == 110 || d.getVni() == 111).findFirst().orElseThrow().getVni(),
                "still the custom resource's VNI");
    }

    @Test
    @Order(3)
    void aNodeAgentFailureMakesTheObjectDegradedWithTheNodeAndReason() throws Exception {
        NodeStatus failed = NodeStatus.newBuilder().setCluster("kube").setNode("worker-a").setAppliedGeneration(1)
                .addResults(ObjectResult.newBuilder()
                        .setSource(ObjectRef.newBuilder().setKind(Kind.KIND_L2VNI).setNamespace("openperouter-system")
                                .setName("migration"))
                        .setObject("vrf rouge").setState(ObjectResult.State.STATE_FAILED)
                        .setReason("kernel lacks VRF support"))
                .build();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ProtobufSerializer<NodeStatus>())) {
            producer.send(new ProducerRecord<>(Topics.NODE_STATUS, "kube/worker-a", failed)).get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> condition("migration", "Degraded")
                .map(c -> c.getStatus().equals("True") && c.getReason().equals("NodeFailed")).orElse(false));
        L2VNI migration = l2("migration");
        assertEquals(1, migration.getStatus().getNodes().size());
        assertEquals("worker-a", migration.getStatus().getNodes().get(0).getNode());
        assertEquals("vrf rouge: kernel lacks VRF support", migration.getStatus().getNodes().get(0).getReason());
        assertEquals("False", condition("migration", "Ready").orElseThrow().getStatus());
        assertEquals("True", condition("layer2", "Ready").orElseThrow().getStatus(), "other objects stay ready");
    }

    @Test
    @Order(4)
    void invalidUpdateKeepsThePreviousVersionAndSaysWhy() {
        L2VNI layer2 = l2("layer2");
        layer2.getSpec().setL2gatewayip("192.170.99.1/24");
        client.resource(layer2).update();
        await().atMost(Duration.ofSeconds(20)).until(() -> condition("layer2", "Ready")
                .map(c -> c.getStatus().equals("False") && c.getReason().equals("InvalidUpdate")).orElse(false));
        assertTrue(condition("layer2", "Ready").orElseThrow().getMessage().contains("spec.l2gatewayip"),
                condition("layer2", "Ready").orElseThrow().getMessage());
        assertEquals("192.170.1.1/24", plans.await("kube/worker-a", p -> true).getL2DomainsList().stream()
                .filter(d -> d.getVni() == 110).findFirst().orElseThrow().getGatewayIp());
    }

    @Test
    @Order(5)
    void newNodeGetsTheNextIndexAndRemovedNodeLosesItsPlanAndFreesItsIndex() {
        client.nodes().resource(node("worker-c")).create();
        assertEquals("100.65.0.2", plans.await("kube/worker-c", p -> p.hasUnderlay()).getUnderlay().getVtepIp());
        await().atMost(Duration.ofSeconds(20)).until(() -> index("worker-c").equals(Optional.of("2")));
        client.nodes().withName("worker-b").delete();
        plans.awaitDeleted("kube/worker-b");
        // worker-b's index 0 is free again: the next node takes it, the others keep theirs.
        client.nodes().resource(node("worker-d")).create();
        assertEquals("100.65.0.0", plans.await("kube/worker-d", p -> p.hasUnderlay()).getUnderlay().getVtepIp());
        assertEquals(Optional.of("1"), index("worker-a"));
        assertEquals(Optional.of("2"), index("worker-c"));
    }

    @Test
    @Order(6)
    void deletingAnL2vniReplansEveryNode() {
        client.resources(L2VNI.class).inNamespace("openperouter-system").withName("migration").delete();
        plans.await("kube/worker-a", p -> p.getL2DomainsCount() == 1);
        plans.await("kube/worker-c", p -> p.getL2DomainsCount() == 1);
        plans.await("kube/worker-d", p -> p.getL2DomainsCount() == 1);
    }

    /**
     * Another cluster of the fleet, "kube-b", publishes straight onto the shared topics what its intent-service would
     * for the seed Underlay applied unchanged: the same VTEP and router id ranges, and its node-0 planned with host 0
     * of 100.65.0.0/24 and host 1 of 10.0.0.0/24 (DESIGN §4). This cluster's worker-d holds index 0 (test 5), so it
     * collides.
     */
    @Test
    @Order(7)
    void anotherClusterWithTheSeedUnderlayShowsOnStatusEventsAndMetrics() throws Exception {
        publishOtherCluster("100.65.0.0/24", "10.0.0.0/24", "100.65.0.0", "10.0.0.1", "192.170.1.254/24");

        await().atMost(Duration.ofSeconds(20)).until(() -> fleetChecks(underlay()).size() == 4);
        assertEquals(java.util.Set.of("VtepRangeOverlap", "RouterIdRangeOverlap", "VtepCollision", "RouterIdCollision"),
                java.util.Set.copyOf(fleetChecks(underlay())));
        IntentStatus.FleetConflict vtep = underlay().getStatus().getFleet().stream()
                .filter(c -> c.getCheck().equals("VtepCollision")).findFirst().orElseThrow();
        assertEquals("worker-d", vtep.getNode());
        assertEquals("kube-b", vtep.getOtherCluster());
        assertEquals("node-0", vtep.getOtherNode());
        assertEquals("Underlay openperouter-system/underlay", vtep.getOtherObject());
        assertEquals("100.65.0.0", vtep.getValue());
        assertEquals("spec.evpn.vtepcidr", vtep.getField());
        await().atMost(Duration.ofSeconds(20)).until(() -> fleetChecks(l2("layer2")).equals(java.util.List.of("L2VniGatewayMismatch")));
        assertEquals("192.170.1.254/24", l2("layer2").getStatus().getFleet().getFirst().getOtherValue());

        // A warning, not a rejection: the Underlay stays Ready and worker-d keeps its plan.
        assertEquals("True", underlay().getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                .findFirst().orElseThrow().getStatus());
        assertEquals("100.65.0.0", plans.await("kube/worker-d", p -> p.hasUnderlay()).getUnderlay().getVtepIp());

        await().atMost(Duration.ofSeconds(20)).until(() -> events("Warning", "VtepCollision").size() == 1);
        io.fabric8.kubernetes.api.model.Event event = events("Warning", "VtepCollision").getFirst();
        assertEquals("Underlay", event.getInvolvedObject().getKind());
        assertEquals("underlay", event.getInvolvedObject().getName());
        assertTrue(event.getMessage().contains("kube-b") && event.getMessage().contains("worker-d"), event.getMessage());
        assertEquals(1, events("Warning", "L2VniGatewayMismatch").size());

        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(
                "openpe_intent_fleet_findings{check=\"VtepCollision\"} 1.0"));

        // The dry run says the same before anything is applied: valid, with the fleet warnings of what it submits.
        String manifest;
        try (InputStream in = PlanTopic.class.getResourceAsStream("underlay.yaml")) {
            manifest = new String(in.readAllBytes());
        }
        var validated = intents.validate(io.openpe.intent.v1.ValidateRequest.newBuilder().setManifest(manifest)
                .build());
        assertTrue(validated.getValid(), validated.toString());
        assertEquals(java.util.Set.of(FleetCheck.FLEET_CHECK_VTEP_RANGE_OVERLAP,
                FleetCheck.FLEET_CHECK_ROUTER_ID_RANGE_OVERLAP, FleetCheck.FLEET_CHECK_VTEP_COLLISION,
                FleetCheck.FLEET_CHECK_ROUTER_ID_COLLISION),
                validated.getFleetWarningsList().stream().map(io.openpe.intent.v1.FleetWarning::getCheck)
                        .collect(java.util.stream.Collectors.toSet()));
        var collision = validated.getFleetWarningsList().stream()
                .filter(w -> w.getCheck() == FleetCheck.FLEET_CHECK_VTEP_COLLISION).findFirst().orElseThrow();
        assertEquals("kube-b", collision.getOtherObject().getCluster());
        assertEquals("worker-d", collision.getNode());
        assertEquals("node-0", collision.getOtherNode());
    }

    @Test
    @Order(8)
    void theOtherClusterWithItsOwnRangesAndGatewayClearsThemAll() throws Exception {
        publishOtherCluster("100.65.1.0/24", "10.0.1.0/24", "100.65.1.0", "10.0.1.1", "192.170.1.1/24");

        await().atMost(Duration.ofSeconds(20)).until(() -> fleetChecks(underlay()).isEmpty()
                && fleetChecks(l2("layer2")).isEmpty());
        await().atMost(Duration.ofSeconds(20)).until(() -> events("Normal", "FleetConflictCleared").size() == 5);
        assertEquals(1, events("Warning", "VtepCollision").size(), "no new warning");
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(
                "openpe_intent_fleet_findings{check=\"VtepCollision\"} 0.0"));
    }

    private void publishOtherCluster(String vtepCidr, String routerIdCidr, String vtep, String routerId,
            String gateway) throws Exception {
        ObjectRef underlayRef = ObjectRef.newBuilder().setCluster("kube-b").setKind(Kind.KIND_UNDERLAY)
                .setNamespace("openperouter-system").setName("underlay").build();
        var underlay = io.openpe.intent.v1.Intent.newBuilder().setRef(underlayRef).setGeneration(1)
                .setUnderlay(io.openpe.intent.v1.UnderlaySpec.newBuilder().setAsn(64514).setVtepCidr(vtepCidr)
                        .setRouterIdCidr(routerIdCidr).addNics("toswitch").addNeighbors(io.openpe.intent.v1.Neighbor
                                .newBuilder().setAsn(64512).setAddress("192.168.11.2")))
                .build();
        var layer2 = io.openpe.intent.v1.Intent.newBuilder().setRef(underlayRef.toBuilder().setKind(Kind.KIND_L2VNI)
                .setName("layer2")).setGeneration(1)
                .setL2Vni(io.openpe.intent.v1.L2VniSpec.newBuilder().setVni(110).setVrf("red").setL2GatewayIp(gateway)
                        .setHostMaster(io.openpe.intent.v1.HostMaster.newBuilder()
                                .setType(io.openpe.intent.v1.HostMasterType.HOST_MASTER_TYPE_LINUX_BRIDGE)
                                .setAutocreate(true)))
                .build();
        var plan = io.openpe.intent.v1.NodePlan.newBuilder().setCluster("kube-b").setNode("node-0").setNodeIndex(0)
                .setGeneration(1).setUnderlay(io.openpe.intent.v1.UnderlayPlan.newBuilder().setSource(underlayRef)
                        .setAsn(64514).setVtepIp(vtep).setRouterId(routerId).addNics("toswitch"))
                .build();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ProtobufSerializer<com.google.protobuf.MessageLite>())) {
            producer.send(new ProducerRecord<>(Topics.INTENTS, "kube-b/Underlay/openperouter-system/underlay", underlay)).get();
            producer.send(new ProducerRecord<>(Topics.INTENTS, "kube-b/L2VNI/openperouter-system/layer2", layer2)).get();
            producer.send(new ProducerRecord<>(Topics.PLANS, "kube-b/node-0", plan)).get();
        }
    }

    private io.openpe.intent.api.Underlay underlay() {
        return client.resources(io.openpe.intent.api.Underlay.class).inNamespace("openperouter-system")
                .withName("underlay").get();
    }

    private static java.util.List<String> fleetChecks(CustomResource<?, IntentStatus> object) {
        if (object == null || object.getStatus() == null) {
            return java.util.List.of();
        }
        return object.getStatus().getFleet().stream().map(IntentStatus.FleetConflict::getCheck).toList();
    }

    private java.util.List<io.fabric8.kubernetes.api.model.Event> events(String type, String reason) {
        return client.v1().events().inNamespace("openperouter-system").list().getItems().stream()
                .filter(e -> type.equals(e.getType()) && reason.equals(e.getReason())).toList();
    }

    private String metrics() throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(metricsUri).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static io.fabric8.kubernetes.api.model.Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).endMetadata().build();
    }

    private Optional<String> index(String node) {
        var annotations = client.nodes().withName(node).get().getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get("openpe.io/nodeindex"));
    }

    private L2VNI l2(String name) {
        return client.resources(L2VNI.class).inNamespace("openperouter-system").withName(name).get();
    }

    private Optional<Condition> condition(String l2vni, String type) {
        CustomResource<?, IntentStatus> object = l2(l2vni);
        if (object == null || object.getStatus() == null) {
            return Optional.empty();
        }
        return object.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
    }

    private java.util.List<HasMetadata> seeds() throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (String file : new String[] {"underlay.yaml", "l3vni-red.yaml", "l2vni-layer2.yaml", "l2vni-migration.yaml"}) {
            try (InputStream in = io.openpe.intent.reconcile.PlanTopic.class.getResourceAsStream(file)) {
                yaml.append(new String(in.readAllBytes())).append("\n---\n");
            }
        }
        return Manifests.parse("seeds", yaml.toString()).objects();
    }
}
