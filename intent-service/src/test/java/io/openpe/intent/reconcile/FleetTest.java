package io.openpe.intent.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.openpe.intent.directory.Manifests;
import io.openpe.intent.fleet.FleetFinding;
import io.openpe.intent.fleet.FleetFinding.Check;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.CompactedTopics;
import io.openpe.intent.publish.RawRecordChannel;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.status.ObjectStatus;
import io.openpe.intent.v1.Intent;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.Source;
import io.openpe.proto.kafka.Topics;
import io.openpe.proto.kafka.UndecodableRecords;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two clusters' intent-service pipelines on one real broker, as in the fleet of DESIGN §10: each publishes its
 * intents and plans and follows the other's through openpe.intents and openpe.plans. The seed YAML of
 * {@code k8s/examples/local} applied unchanged in pe-kind-a and pe-kind-b gives both nodes of each cluster the
 * other's VTEP and router id (DESIGN §4: node i gets host i of 100.65.0.0/24 and host i+1 of 10.0.0.0/24).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetTest {

    private static final Path EXAMPLES = Path.of("..", "k8s", "examples", "local");
    private static final ObjectId UNDERLAY = ObjectId.underlay("openperouter-system", "underlay");
    private static final ObjectId LAYER2 = ObjectId.l2Vni("openperouter-system", "layer2");
    private static final Map<String, Map<String, String>> NODES = Map.of("node-0", Map.of(), "node-1", Map.of());
    private static final String OWN_UNDERLAY_B = """
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

    /** One cluster's pipeline: the reconciler, its writer, its follower of the shared topics, its last status. */
    record Pipeline(IntentReconciler reconciler, TopicWriter writer, CompactedTopics feed,
            AtomicReference<Collection<ObjectStatus>> status) implements AutoCloseable {

        static Pipeline start(String cluster, String bootstrapServers) {
            TopicWriter writer = RawRecordChannel.writer(bootstrapServers);
            IntentReconciler reconciler = new IntentReconciler(cluster, PlanSettings.DEFAULTS, writer);
            AtomicReference<Collection<ObjectStatus>> status = new AtomicReference<>(List.of());
            reconciler.statusSink(status::set);
            CompactedTopics feed = new CompactedTopics(bootstrapServers, "fleet-test-" + cluster,
                    Map.of(Topics.INTENTS, Intent.parser(), Topics.PLANS, NodePlan.parser()),
                    new UndecodableRecords("fleet-test", new SimpleMeterRegistry()));
            feed.follow("fleet-feed-" + cluster, reconciler::otherClusters);
            return new Pipeline(reconciler, writer, feed, status);
        }

        void apply(String yaml) {
            List<HasMetadata> objects = Manifests.parse(reconciler.cluster(), yaml).objects();
            reconciler.replaceSource(Source.SOURCE_DIRECTORY, objects, Optional.of(NODES));
        }

        List<FleetFinding> fleetOf(ObjectId object) {
            return status.get().stream().filter(s -> s.object().equals(object)).flatMap(s -> s.fleet().stream())
                    .toList();
        }

        Set<String> findings(ObjectId object) {
            return fleetOf(object).stream().map(f -> f.check() + " " + f.subject() + " " + f.here().node().orElse("")
                    + " " + f.there().cluster()).collect(Collectors.toSet());
        }

        @Override
        public void close() {
            feed.close();
            writer.close();
        }
    }

    static KafkaBroker broker;
    static Pipeline a;
    static Pipeline b;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        broker.createOpenpeTopics();
        a = Pipeline.start("pe-kind-a", broker.bootstrapServers());
        b = Pipeline.start("pe-kind-b", broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        broker.close();
    }

    @Test
    @Order(1)
    void theSeedsAppliedUnchangedInTwoClustersCollideOnBothSides() {
        a.apply(seeds());
        b.apply(seeds());

        Set<String> expectedOnA = Set.of(
                "VTEP_RANGE_OVERLAP VTEP ranges  pe-kind-b", "ROUTER_ID_RANGE_OVERLAP router id ranges  pe-kind-b",
                "VTEP_COLLISION 100.65.0.0 node-0 pe-kind-b", "VTEP_COLLISION 100.65.0.1 node-1 pe-kind-b",
                "ROUTER_ID_COLLISION 10.0.0.1 node-0 pe-kind-b", "ROUTER_ID_COLLISION 10.0.0.2 node-1 pe-kind-b");
        await().atMost(Duration.ofSeconds(30)).until(() -> a.findings(UNDERLAY).equals(expectedOnA));
        Set<String> expectedOnB = expectedOnA.stream().map(s -> s.replace("pe-kind-b", "pe-kind-a"))
                .collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> b.findings(UNDERLAY).equals(expectedOnB));
        assertEquals(Set.of(), a.findings(LAYER2), "the same L2VNI 110 on both sides: nothing to report");

        // A warning, not a rejection: both clusters keep their plans, and the objects stay Ready.
        ObjectStatus underlayOfB = b.status().get().stream().filter(s -> s.object().equals(UNDERLAY)).findFirst()
                .orElseThrow();
        assertTrue(underlayOfB.ready(), underlayOfB.toString());
        assertEquals("100.65.0.0", b.reconciler().plan("node-0").orElseThrow().getUnderlay().getVtepIp());
        assertEquals("100.65.0.0", a.reconciler().plan("node-0").orElseThrow().getUnderlay().getVtepIp());
    }

    @Test
    @Order(2)
    void pekindbWithItsOwnUnderlayClearsTheFindingsOnBothSides() {
        b.apply(seeds().replace(example("underlay.yaml"), OWN_UNDERLAY_B));

        await().atMost(Duration.ofSeconds(30)).until(() -> a.fleetOf(UNDERLAY).isEmpty() && b.fleetOf(UNDERLAY).isEmpty());
        assertEquals("100.65.1.0", b.reconciler().plan("node-0").orElseThrow().getUnderlay().getVtepIp());
        assertTrue(a.status().get().stream().allMatch(s -> s.fleet().isEmpty()), a.status().get().toString());
    }

    @Test
    @Order(3)
    void l2vni110WithAnotherGatewayInPekindbIsReportedOnBothSides() {
        String bWithout110 = seeds().replace(example("underlay.yaml"), OWN_UNDERLAY_B)
                .replace(example("l2vni-layer2.yaml"), "");
        // The gateway is immutable: pe-kind-b deletes its L2VNI 110 and creates it again with .254.
        b.apply(bWithout110);
        b.apply(bWithout110 + "\n---\n" + example("l2vni-layer2.yaml").replace("192.170.1.1/24", "192.170.1.254/24"));

        await().atMost(Duration.ofSeconds(30)).until(() -> a.fleetOf(LAYER2).size() == 1 && b.fleetOf(LAYER2).size() == 1);
        FleetFinding onA = a.fleetOf(LAYER2).getFirst();
        assertEquals(Check.L2VNI_GATEWAY, onA.check());
        assertEquals("spec.l2gatewayip", onA.field());
        assertEquals("192.170.1.1/24", onA.here().value());
        assertEquals("pe-kind-b", onA.there().cluster());
        assertEquals("192.170.1.254/24", onA.there().value());
        FleetFinding onB = b.fleetOf(LAYER2).getFirst();
        assertEquals("192.170.1.254/24", onB.here().value());
        assertEquals("192.170.1.1/24", onB.there().value());
        assertEquals(List.of(), a.fleetOf(UNDERLAY), "the underlays no longer collide");
    }

    private static String seeds() {
        return String.join("\n---\n", example("underlay.yaml"), example("l3vni-red.yaml"), example("l2vni-layer2.yaml"),
                example("l2vni-migration.yaml"));
    }

    private static String example(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
