package io.openpe.intent.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.openpe.intent.v1.ApplyRequest;
import io.openpe.intent.v1.DeleteRequest;
import io.openpe.intent.v1.IntentServiceGrpc;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.L2DomainPlan;
import io.openpe.intent.v1.ListPlansRequest;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole intent-service on a real broker, fed by the directory source and by gRPC: plans appear on openpe.plans,
 * a change re-plans only the nodes it selects, deletes re-plan.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(IntentPipelineTest.DirectoryMode.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntentPipelineTest {

    static final Path DIRECTORY = tempDirectory();

    public static class DirectoryMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openpe.intents.directory", DIRECTORY.toString(),
                    "openpe.kubernetes.enabled", "false",
                    "openpe.intents.poll-interval-ms", "100",
                    "openpe.cluster", "pipeline",
                    "openpe.bmp.address", "127.0.0.1");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @GrpcClient("intent")
    IntentServiceGrpc.IntentServiceBlockingStub intents;

    @GrpcClient("intent")
    io.grpc.Channel channel;

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URI metricsUri;

    PlanTopic plans;

    @BeforeEach
    void tail() {
        plans = new PlanTopic(bootstrapServers);
    }

    @AfterEach
    void close() {
        plans.close();
    }

    @org.junit.jupiter.api.AfterAll
    static void removeDirectory() throws IOException {
        TempDirectories.delete(DIRECTORY);
    }

    @Test
    @Order(0)
    void serverReflectionListsIntentServiceSoGrpcurlWorksWithoutProtoFiles() throws Exception {
        var services = new java.util.concurrent.CompletableFuture<java.util.List<String>>();
        var requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
                services.complete(response.getListServicesResponse().getServiceList().stream()
                        .map(ServiceResponse::getName).toList());
            }

            @Override
            public void onError(Throwable t) {
                services.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        assertTrue(services.get(10, java.util.concurrent.TimeUnit.SECONDS).contains("openpe.intent.v1.IntentService"),
                services.get().toString());
        requests.onCompleted();
    }

    @Test
    @Order(1)
    void seedDirectoryBecomesPlansForEveryNode() throws Exception {
        for (String file : new String[] {"underlay.yaml", "l3vni-red.yaml", "l2vni-layer2.yaml", "l2vni-migration.yaml",
                "nodes.yaml"}) {
            try (var in = getClass().getResourceAsStream(file)) {
                Files.write(DIRECTORY.resolve(file), in.readAllBytes());
            }
        }
        NodePlan node0 = plans.await("pipeline/node-0", p -> p.getL2DomainsCount() == 2);
        NodePlan node1 = plans.await("pipeline/node-1", p -> p.getL2DomainsCount() == 2);

        assertEquals("100.65.0.0", node0.getUnderlay().getVtepIp());
        assertEquals("100.65.0.1", node1.getUnderlay().getVtepIp());
        assertEquals("10.0.0.1", node0.getUnderlay().getRouterId());
        assertEquals(64514, node0.getUnderlay().getAsn());
        L2DomainPlan layer2 = domain(node0, 110);
        assertEquals("00:f3:00:00:00:6f", layer2.getGatewayMac());
        assertEquals("br-pe-110", layer2.getBridge());
        assertEquals("vni110", layer2.getVxlan().getName());
        assertEquals("pe-110", layer2.getVeth().getRouterName());
        assertEquals("host-110", layer2.getVeth().getHostName());
        assertEquals("br-hs-110", layer2.getHostBridge().getName());
        assertTrue(domain(node0, 666).getVrfNodeLocal(), "VRF rouge has no L3VNI: node-local");
        assertTrue(node0.getWarningsList().stream().anyMatch(w -> w.getObject().getName().equals("migration")));
        assertEquals("127.0.0.1", node0.getBmp().getAddress());
        assertEquals(1, node0.getGeneration());
        assertFalse(node0.getContentHash().isEmpty());
    }

    @Test
    @Order(2)
    void grpcApplyOfAnL2vniSelectingOneNodeReplansOnlyThatNode() {
        plans.drain();
        long node0Before = plans.count("pipeline/node-0");
        var response = intents.apply(ApplyRequest.newBuilder().setManifest("""
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L2VNI
                metadata: {name: only-node-1, namespace: tenant-a}
                spec:
                  vni: 120
                  hostmaster: {type: bridge, autocreate: true}
                  nodeSelector:
                    matchLabels: {kubernetes.io/hostname: node-1}
                """).build());
        assertEquals(0, response.getErrorsCount(), response.toString());
        assertEquals(1, response.getAppliedCount());

        NodePlan node1 = plans.await("pipeline/node-1", p -> p.getL2DomainsList().stream().anyMatch(d -> d.getVni() == 120));
        assertEquals(2, node1.getGeneration());
        // node-0 is not selected: no new record for it.
        plans.drain();
        assertEquals(node0Before, plans.count("pipeline/node-0"));
        assertEquals(3, intents.listPlans(ListPlansRequest.getDefaultInstance()).getPlansList().stream()
                .mapToInt(NodePlan::getL2DomainsCount).max().orElseThrow());
    }

    @Test
    @Order(3)
    void invalidGrpcApplyIsRejectedWithObjectFieldAndReasonAndChangesNothing() throws Exception {
        plans.drain();
        int before = plans.records().size();
        var refused = assertThrows(io.grpc.StatusRuntimeException.class, () -> intents.apply(ApplyRequest
                .newBuilder().setManifest("""
                        apiVersion: openpe.openperouter.github.io/v1alpha1
                        kind: L2VNI
                        metadata: {name: broken, namespace: tenant-a}
                        spec:
                          vni: 0
                          hostmaster: {type: bridge, autocreate: true}
                        """).build()));
        assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        var violations = io.openpe.proto.grpc.GrpcErrors.violations(refused);
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("spec.vni", violations.getFirst().field());
        assertTrue(violations.getFirst().description().startsWith("L2VNI tenant-a/broken: "), violations.toString());
        plans.drain();
        assertEquals(before, plans.records().size(), "a rejected object publishes nothing");
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                metricsUri).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("openpe_intent_rejected_total{kind=\"L2VNI\"} 1.0"), "rejection counted");
        assertTrue(metrics.contains("openpe_intent_plans_published_total"), "plans counted");
    }

    @Test
    @Order(3)
    void grpcWritesToAnIntentOwnedByTheDirectoryAreRefusedWithTheReasonAndChangeNothing() {
        plans.drain();
        int before = plans.records().size();
        var applied = assertThrows(io.grpc.StatusRuntimeException.class, () -> intents.apply(ApplyRequest.newBuilder()
                .setManifest("""
                        apiVersion: openpe.openperouter.github.io/v1alpha1
                        kind: L2VNI
                        metadata: {name: layer2, namespace: openperouter-system}
                        spec:
                          vni: 111
                          hostmaster: {type: bridge, autocreate: true}
                        """).build()));
        assertEquals(io.grpc.Status.Code.FAILED_PRECONDITION, applied.getStatus().getCode());
        assertEquals("L2VNI openperouter-system/layer2 is owned by the intents directory: change its YAML file, not "
                + "over gRPC", applied.getStatus().getDescription());
        var deleted = assertThrows(io.grpc.StatusRuntimeException.class, () -> intents.delete(DeleteRequest
                .newBuilder().setRef(ObjectRef.newBuilder().setKind(Kind.KIND_L2VNI)
                        .setNamespace("openperouter-system").setName("layer2")).build()));
        assertEquals(io.grpc.Status.Code.FAILED_PRECONDITION, deleted.getStatus().getCode());
        assertTrue(deleted.getStatus().getDescription().contains("owned by the intents directory"));
        assertTrue(intents.listPlans(ListPlansRequest.getDefaultInstance()).getPlansList().stream()
                .allMatch(p -> p.getL2DomainsList().stream().anyMatch(d -> d.getVni() == 110)), "layer2 still planned");
        plans.drain();
        assertEquals(before, plans.records().size(), "a refused write publishes nothing");
    }

    @Test
    @Order(4)
    void grpcDeleteReplansTheNodeItSelected() {
        var deleted = intents.delete(DeleteRequest.newBuilder().setRef(ObjectRef.newBuilder().setKind(Kind.KIND_L2VNI)
                .setNamespace("tenant-a").setName("only-node-1")).build());
        assertTrue(deleted.getDeleted());
        NodePlan node1 = plans.await("pipeline/node-1", p -> p.getGeneration() == 3);
        assertTrue(node1.getL2DomainsList().stream().noneMatch(d -> d.getVni() == 120));
    }

    @Test
    @Order(5)
    void removingAFileFromTheDirectoryDeletesItsObjects() throws IOException {
        Files.delete(DIRECTORY.resolve("l2vni-migration.yaml"));
        plans.await("pipeline/node-0", p -> p.getL2DomainsCount() == 1 && p.getWarningsCount() == 0);
        plans.await("pipeline/node-1", p -> p.getL2DomainsCount() == 1);
    }

    @Test
    @Order(6)
    void removingANodeTombstonesItsPlan() throws IOException {
        Files.writeString(DIRECTORY.resolve("nodes.yaml"), """
                apiVersion: v1
                kind: Node
                metadata:
                  name: node-0
                  labels: {kubernetes.io/hostname: node-0}
                """);
        plans.awaitDeleted("pipeline/node-1");
        await().atMost(Duration.ofSeconds(10)).until(
                () -> intents.listPlans(ListPlansRequest.getDefaultInstance()).getPlansCount() == 1);
    }

    private static L2DomainPlan domain(NodePlan plan, int vni) {
        return plan.getL2DomainsList().stream().filter(d -> d.getVni() == vni).findFirst().orElseThrow();
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("openpe-intents-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
