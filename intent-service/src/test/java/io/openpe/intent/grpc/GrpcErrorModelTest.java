package io.openpe.intent.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.plan.PlanSettings;
import io.openpe.intent.publish.CompactedTopics;
import io.openpe.intent.publish.IntentProtos;
import io.openpe.intent.publish.RawRecordChannel;
import io.openpe.intent.publish.TopicWriter;
import io.openpe.intent.reconcile.IntentReconciler;
import io.openpe.intent.v1.ApplyRequest;
import io.openpe.intent.v1.ApplyResponse;
import io.openpe.intent.v1.DeleteRequest;
import io.openpe.intent.v1.DeleteResponse;
import io.openpe.intent.v1.GetPlanRequest;
import io.openpe.intent.v1.GetPlanResponse;
import io.openpe.intent.v1.GetRequest;
import io.openpe.intent.v1.GetResponse;
import io.openpe.intent.v1.Intent;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.ListPlansRequest;
import io.openpe.intent.v1.ListPlansResponse;
import io.openpe.intent.v1.ListRequest;
import io.openpe.intent.v1.ListResponse;
import io.openpe.intent.v1.NodePlan;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.ValidateRequest;
import io.openpe.intent.v1.ValidateResponse;
import io.openpe.proto.grpc.GrpcErrors;
import io.openpe.proto.kafka.Topics;
import io.openpe.testkit.kafka.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IntentService's error model on a real broker (proto/README.md): INVALID_ARGUMENT with a BadRequest naming each
 * broken field, and UNAVAILABLE with RetryInfo instead of a blocked call while the broker is stopped.
 */
// Only so that a write that blocks (the bug) fails the test instead of hanging the build.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GrpcErrorModelTest {

    private static final String CLUSTER = "errors";
    private static final PlanSettings SETTINGS = new PlanSettings(Optional.empty(), 1500, 4789);

    @Test
    void aBrokenObjectIsAnInvalidArgumentNamingEachFieldWithTheValidatorsReasonAndNothingIsStored() {
        try (KafkaBroker broker = KafkaBroker.start(); TopicWriter writer = RawRecordChannel.writer(broker.bootstrapServers())) {
            broker.createOpenpeTopics();
            IntentReconciler reconciler = new IntentReconciler(CLUSTER, SETTINGS, writer);
            IntentGrpcService api = new IntentGrpcService(reconciler);

            Throwable refused = this.<ApplyResponse>failure(o -> api.apply(ApplyRequest.newBuilder().setManifest(l2vni("good", 100)
                    + "---\n" + """
                    apiVersion: openpe.openperouter.github.io/v1alpha1
                    kind: L3VNI
                    metadata: {name: broken, namespace: tenant-a}
                    spec:
                      vni: 0
                      vrf: a-vrf-name-of-16
                    """).build(), o));
            assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(refused).getCode());
            List<GrpcErrors.Violation> violations = GrpcErrors.violations(refused);
            assertEquals(List.of("spec.vni", "spec.vrf"), violations.stream().map(GrpcErrors.Violation::field)
                    .toList(), violations.toString());
            assertEquals("L3VNI tenant-a/broken: must be between 1 and 16777215, got 0",
                    violations.get(0).description());
            assertTrue(violations.get(1).description().startsWith("L3VNI tenant-a/broken: "), violations.toString());
            assertTrue(reconciler.intents().isEmpty(), "all or nothing: the good object is not stored either");

            Throwable unreadable = this.<ApplyResponse>failure(o -> api.apply(ApplyRequest.newBuilder()
                    .addIntents(Intent.newBuilder().setRef(ObjectRef.newBuilder().setName("no-spec"))).build(), o));
            assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(unreadable).getCode());
            assertEquals("intents[0]", GrpcErrors.violations(unreadable).getFirst().field());

            Throwable badRef = this.<DeleteResponse>failure(o -> api.delete(DeleteRequest.newBuilder()
                    .setRef(ObjectRef.newBuilder().setName("x")).build(), o));
            assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(badRef).getCode());
            assertEquals(List.of(new GrpcErrors.Violation("ref.kind", "intent kind is not set"),
                    new GrpcErrors.Violation("ref.namespace", "is required")), GrpcErrors.violations(badRef));
            Throwable badGet = this.<GetResponse>failure(o -> api.get(GetRequest.getDefaultInstance(), o));
            assertEquals(3, GrpcErrors.violations(badGet).size(), "a malformed ref is not a missing object");
            Throwable noNode = this.<GetPlanResponse>failure(o -> api.getPlan(GetPlanRequest.getDefaultInstance(), o));
            assertEquals(List.of(new GrpcErrors.Violation("node", "is required")), GrpcErrors.violations(noNode));

            // A dry run's findings are its answer: OK, with the errors in the response.
            ValidateResponse dryRun = answer(o -> api.validate(ValidateRequest.newBuilder()
                    .setManifest(l2vni("zero", 0)).build(), o));
            assertFalse(dryRun.getValid());
            assertEquals("spec.vni", dryRun.getErrors(0).getField());
        }
    }

    @Test
    void whileTheBrokerIsStoppedReadsAnswerWritesAreUnavailableAndChangeNothingAndAllConvergesAfterward()
            throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(); TopicWriter writer = RawRecordChannel.writer(broker.bootstrapServers())) {
            broker.createOpenpeTopics();
            IntentReconciler reconciler = new IntentReconciler(CLUSTER, SETTINGS, writer);
            IntentGrpcService api = new IntentGrpcService(reconciler);
            reconciler.setNodes(Map.of("node-0", Map.of()), Map.of());
            assertEquals(1, this.<ApplyResponse>answer(o -> api.apply(apply(l2vni("before", 100)), o))
                    .getAppliedCount());
            NodePlan planBefore = this.<GetPlanResponse>answer(o -> api.getPlan(GetPlanRequest.newBuilder()
                    .setNode("node-0").build(), o)).getPlan();

            broker.stop();
            long start = System.nanoTime();
            Throwable expired = this.<ApplyResponse>failure(o -> api.apply(apply(l2vni("during-a", 200)), o));
            long expiredMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(expired).getCode(), expired.toString());
            assertEquals(Optional.of(TopicWriter.BOUNDED_WAIT), GrpcErrors.retryAfter(expired));
            assertEquals(List.of("before"), names(reconciler), "the refused apply changed nothing");

            // A Kubernetes node event waits for Kafka as long as it is away, holding the reconciler.
            CompletableFuture<Void> nodeEvent = CompletableFuture.runAsync(() -> reconciler.setNodes(
                    Map.of("node-0", Map.of(), "node-1", Map.of()), Map.of()));
            start = System.nanoTime();
            Throwable busy = this.<DeleteResponse>failure(o -> api.delete(DeleteRequest.newBuilder().setRef(ref("before")).build(), o));
            long busyMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(busy).getCode(), busy.toString());
            assertFalse(nodeEvent.isDone(), () -> "the node event still waits for the broker; it ended: "
                    + nodeEvent.handle((done, failure) -> String.valueOf(failure)).getNow("running"));

            // Reads answer from memory meanwhile.
            assertEquals(List.of("before"), this.<ListResponse>answer(o -> api.list(ListRequest.getDefaultInstance(), o))
                    .getIntentsList().stream().map(i -> i.getRef().getName()).toList());
            assertEquals(100, this.<GetResponse>answer(o -> api.get(GetRequest.newBuilder().setRef(ref("before"))
                    .build(), o)).getIntent().getL2Vni().getVni());
            assertEquals(planBefore, this.<GetPlanResponse>answer(o -> api.getPlan(GetPlanRequest.newBuilder()
                    .setNode("node-0").build(), o)).getPlan());
            assertTrue(this.<ValidateResponse>answer(o -> api.validate(ValidateRequest.newBuilder()
                    .setManifest(l2vni("dry", 300)).build(), o)).getValid());
            System.out.printf("outage: apply UNAVAILABLE after %d ms (Kafka), delete after %d ms (reconciler busy)%n",
                    expiredMillis, busyMillis);

            broker.startAgain();
            nodeEvent.get(2, TimeUnit.MINUTES);
            assertEquals(1, this.<ApplyResponse>answer(o -> api.apply(apply(l2vni("after", 400)), o))
                    .getAppliedCount());
            assertTrue(this.<DeleteResponse>answer(o -> api.delete(DeleteRequest.newBuilder().setRef(ref("before"))
                    .build(), o)).getDeleted());

            Map<String, Intent> onKafka = CompactedTopics.readAll(broker.bootstrapServers(), Topics.INTENTS,
                    Intent.parser(), CLUSTER + "/");
            assertEquals(List.of(key("after")), List.copyOf(onKafka.keySet()),
                    "answered OK is on Kafka, answered UNAVAILABLE is not: " + onKafka.keySet());
            Map<String, NodePlan> plans = CompactedTopics.readAll(broker.bootstrapServers(), Topics.PLANS,
                    NodePlan.parser(), CLUSTER + "/");
            assertEquals(2, plans.size(), "the node event that waited is planned: " + plans.keySet());
            assertTrue(plans.get(CLUSTER + "/node-0").getGeneration() > planBefore.getGeneration());
            assertEquals(List.copyOf(plans.values()), this.<ListPlansResponse>answer(o -> api.listPlans(
                    ListPlansRequest.getDefaultInstance(), o)).getPlansList(), "what is served is what is on Kafka");
        }
    }

    private static String l2vni(String name, int vni) {
        return """
                apiVersion: openpe.openperouter.github.io/v1alpha1
                kind: L2VNI
                metadata: {name: %s, namespace: tenant-a}
                spec:
                  vni: %d
                  hostmaster: {type: bridge, autocreate: true}
                """.formatted(name, vni);
    }

    private static ApplyRequest apply(String manifest) {
        return ApplyRequest.newBuilder().setManifest(manifest).build();
    }

    private static ObjectRef ref(String name) {
        return ObjectRef.newBuilder().setKind(Kind.KIND_L2VNI).setNamespace("tenant-a").setName(name).build();
    }

    private static String key(String name) {
        return IntentProtos.key(CLUSTER, ObjectId.l2Vni("tenant-a", name));
    }

    private static List<String> names(IntentReconciler reconciler) {
        return reconciler.intents().stream().map(i -> i.getRef().getName()).toList();
    }

    /** The one answer of a unary call (the service answers before returning: it is @Blocking). */
    private <T> T answer(Consumer<StreamObserver<T>> call) {
        Recorded<T> recorded = record(call);
        if (recorded.error != null) {
            throw new AssertionError("expected an answer, got " + recorded.error, recorded.error);
        }
        assertNotNull(recorded.value, "no answer");
        return recorded.value;
    }

    private <T> Throwable failure(Consumer<StreamObserver<T>> call) {
        Recorded<T> recorded = record(call);
        assertNotNull(recorded.error, () -> "expected an error, got " + recorded.value);
        return recorded.error;
    }

    private static <T> Recorded<T> record(Consumer<StreamObserver<T>> call) {
        Recorded<T> recorded = new Recorded<>();
        call.accept(recorded);
        return recorded;
    }

    private static final class Recorded<T> implements StreamObserver<T> {
        T value;
        Throwable error;

        @Override
        public void onNext(T value) {
            this.value = value;
        }

        @Override
        public void onError(Throwable error) {
            this.error = error;
        }

        @Override
        public void onCompleted() {
        }
    }
}
