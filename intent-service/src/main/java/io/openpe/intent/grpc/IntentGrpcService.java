package io.openpe.intent.grpc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.openpe.intent.directory.Manifests;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.publish.IntentProtos;
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
import io.openpe.intent.v1.IntentServiceGrpc;
import io.openpe.intent.v1.Kind;
import io.openpe.intent.v1.ObjectRef;
import io.openpe.intent.v1.ListPlansRequest;
import io.openpe.intent.v1.ListPlansResponse;
import io.openpe.intent.v1.ListRequest;
import io.openpe.intent.v1.ListResponse;
import io.openpe.intent.v1.Source;
import io.openpe.intent.publish.FleetProtos;
import io.openpe.intent.v1.ValidateRequest;
import io.openpe.intent.v1.ValidateResponse;
import io.openpe.intent.v1.ValidationError;
import io.openpe.intent.validation.IntentValidation;
import io.openpe.intent.validation.ResourceError;
import io.openpe.proto.grpc.GrpcErrors;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IntentService over gRPC: a thin adapter from proto requests to the reconciler. Reads answer from the reconciler's
 * last state and never wait; Apply and Delete wait at most {@link #WRITE_WITHIN} for the reconciler and Kafka, then
 * answer UNAVAILABLE having changed nothing (proto/README.md, "Error model").
 */
@GrpcService
@Blocking
public class IntentGrpcService extends IntentServiceGrpc.IntentServiceImplBase {

    /** The bounded wait of a write (docs/decisions.md); also the retry delay an UNAVAILABLE answer suggests. */
    static final Duration WRITE_WITHIN = TopicWriter.BOUNDED_WAIT;

    private final IntentReconciler reconciler;

    @Inject
    public IntentGrpcService(IntentReconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** The request's objects, and the manifest documents that could not be read as objects. */
    private record Submitted(List<HasMetadata> objects, List<ValidationError> unreadable) {
    }

    /**
     * All or nothing: when any object is unreadable or invalid, INVALID_ARGUMENT names each broken field and nothing
     * is stored.
     */
    @Override
    public void apply(ApplyRequest request, StreamObserver<ApplyResponse> response) {
        Submitted submitted = objectsOf(request.getIntentsList(), request.getManifest());
        if (!submitted.unreadable().isEmpty()) {
            response.onError(GrpcErrors.invalidArgument(submitted.unreadable().stream()
                    .map(IntentGrpcService::violation).toList()));
            return;
        }
        List<String> owned = submitted.objects().stream().map(IntentGrpcService::idOf).filter(id -> id != null)
                .flatMap(id -> ownedElsewhere(id).stream()).toList();
        if (!owned.isEmpty()) {
            // Nothing of the request is applied: the caller learns every object it may not write, in one answer.
            response.onError(Status.FAILED_PRECONDITION.withDescription(String.join("; ", owned)).asRuntimeException());
            return;
        }
        List<IntentReconciler.Outcome> outcomes;
        try {
            outcomes = reconciler.applyWithin(submitted.objects(), Source.SOURCE_GRPC, WRITE_WITHIN);
        } catch (IntentReconciler.Unavailable e) {
            response.onError(unavailable(e));
            return;
        }
        List<GrpcErrors.Violation> violations = outcomes.stream()
                .filter(o -> o instanceof IntentReconciler.Outcome.Rejected)
                .flatMap(o -> ((IntentReconciler.Outcome.Rejected) o).errors().stream())
                .map(e -> new GrpcErrors.Violation(e.field(), e.object() + ": " + e.reason())).toList();
        if (!violations.isEmpty()) {
            response.onError(GrpcErrors.invalidArgument(violations));
            return;
        }
        ApplyResponse.Builder reply = ApplyResponse.newBuilder();
        for (IntentReconciler.Outcome outcome : outcomes) {
            switch (outcome) {
                case IntentReconciler.Outcome.Applied a -> reply.addApplied(IntentProtos.ref(reconciler.cluster(), a.id()));
                case IntentReconciler.Outcome.Unchanged u -> reply.addApplied(IntentProtos.ref(reconciler.cluster(), u.id()));
                case IntentReconciler.Outcome.Rejected r -> throw new IllegalStateException("rejections answered above");
            }
        }
        response.onNext(reply.build());
        response.onCompleted();
    }

    @Override
    public void validate(ValidateRequest request, StreamObserver<ValidateResponse> response) {
        Submitted submitted = objectsOf(request.getIntentsList(), request.getManifest());
        // A dry run's findings are its answer, not a failed call: they come in the response.
        List<ValidationError> errors = new ArrayList<>(submitted.unreadable());
        IntentReconciler.DryRun dryRun = reconciler.dryRun(submitted.objects());
        dryRun.errors().forEach(e -> errors.add(toProto(e)));
        response.onNext(ValidateResponse.newBuilder().setValid(errors.isEmpty()).addAllErrors(errors)
                .addAllFleetWarnings(dryRun.fleet().stream().map(FleetProtos::toProto).toList()).build());
        response.onCompleted();
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<DeleteResponse> response) {
        List<GrpcErrors.Violation> invalid = refViolations(request.getRef());
        if (!invalid.isEmpty()) {
            response.onError(GrpcErrors.invalidArgument(invalid));
            return;
        }
        ObjectId id = IntentProtos.idOf(request.getRef());
        Optional<String> owned = ownedElsewhere(id);
        if (owned.isPresent()) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(owned.get()).asRuntimeException());
            return;
        }
        boolean deleted;
        try {
            deleted = reconciler.deleteWithin(id, WRITE_WITHIN);
        } catch (IntentReconciler.Unavailable e) {
            response.onError(unavailable(e));
            return;
        }
        response.onNext(DeleteResponse.newBuilder().setDeleted(deleted).build());
        response.onCompleted();
    }

    /**
     * Every broken field of a reference that must name one object: a malformed reference is INVALID_ARGUMENT, not
     * NOT_FOUND (nothing could be found by it). Names are not checked further: no object is stored under one that
     * validation refused.
     */
    private static List<GrpcErrors.Violation> refViolations(ObjectRef ref) {
        List<GrpcErrors.Violation> violations = new ArrayList<>();
        try {
            IntentProtos.kindName(ref.getKind());
        } catch (IllegalArgumentException e) {
            violations.add(new GrpcErrors.Violation("ref.kind", e.getMessage()));
        }
        if (ref.getNamespace().isEmpty()) {
            violations.add(new GrpcErrors.Violation("ref.namespace", "is required"));
        }
        if (ref.getName().isEmpty()) {
            violations.add(new GrpcErrors.Violation("ref.name", "is required"));
        }
        return violations;
    }

    private static io.grpc.StatusRuntimeException unavailable(IntentReconciler.Unavailable e) {
        return GrpcErrors.unavailable(e.getMessage() + "; nothing was changed, retry", WRITE_WITHIN);
    }

    /** An unreadable object: where it was (the typed intent or the manifest) and why. */
    private static GrpcErrors.Violation violation(ValidationError unreadable) {
        return new GrpcErrors.Violation(unreadable.getField(), unreadable.getMessage());
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> response) {
        List<GrpcErrors.Violation> invalid = refViolations(request.getRef());
        if (!invalid.isEmpty()) {
            response.onError(GrpcErrors.invalidArgument(invalid));
            return;
        }
        reconciler.intents().stream()
                .filter(i -> i.getRef().getKind() == request.getRef().getKind()
                        && i.getRef().getNamespace().equals(request.getRef().getNamespace())
                        && i.getRef().getName().equals(request.getRef().getName()))
                .findFirst()
                .ifPresentOrElse(i -> {
                    response.onNext(GetResponse.newBuilder().setIntent(i).build());
                    response.onCompleted();
                }, () -> response.onError(Status.NOT_FOUND.withDescription("no intent " + request.getRef().getKind()
                        + " " + request.getRef().getNamespace() + "/" + request.getRef().getName()).asRuntimeException()));
    }

    @Override
    public void list(ListRequest request, StreamObserver<ListResponse> response) {
        response.onNext(ListResponse.newBuilder().addAllIntents(reconciler.intents().stream()
                .filter(i -> request.getKind() == Kind.KIND_UNSPECIFIED || i.getRef().getKind() == request.getKind())
                .filter(i -> request.getNamespace().isEmpty() || i.getRef().getNamespace().equals(request.getNamespace()))
                .toList()).build());
        response.onCompleted();
    }

    @Override
    public void getPlan(GetPlanRequest request, StreamObserver<GetPlanResponse> response) {
        if (request.getNode().isEmpty()) {
            response.onError(GrpcErrors.invalidArgument("node", "is required"));
            return;
        }
        reconciler.plan(request.getNode()).ifPresentOrElse(plan -> {
            response.onNext(GetPlanResponse.newBuilder().setPlan(plan).build());
            response.onCompleted();
        }, () -> response.onError(
                Status.NOT_FOUND.withDescription("no plan for node " + request.getNode()).asRuntimeException()));
    }

    @Override
    public void listPlans(ListPlansRequest request, StreamObserver<ListPlansResponse> response) {
        response.onNext(ListPlansResponse.newBuilder().addAllPlans(reconciler.plans().values()).build());
        response.onCompleted();
    }

    /**
     * Why gRPC may not write {@code id}, when the intent is owned by Kubernetes or the YAML directory: those sources
     * are the truth for their objects and would overwrite (or resurrect) whatever gRPC wrote at their next event.
     */
    private Optional<String> ownedElsewhere(ObjectId id) {
        return reconciler.owner(id).flatMap(source -> switch (source) {
            case SOURCE_KUBERNETES -> Optional.of(id.kind() + " " + id.namespace() + "/" + id.name()
                    + " is owned by Kubernetes: change it with kubectl (the custom resource), not over gRPC");
            case SOURCE_DIRECTORY -> Optional.of(id.kind() + " " + id.namespace() + "/" + id.name()
                    + " is owned by the intents directory: change its YAML file, not over gRPC");
            default -> Optional.empty();
        });
    }

    private static ObjectId idOf(HasMetadata object) {
        try {
            return IntentValidation.idOf(object);
        } catch (IllegalArgumentException e) {
            return null;  // not an intent: validation reports it
        }
    }

    private Submitted objectsOf(List<Intent> intents, String manifest) {
        List<HasMetadata> objects = new ArrayList<>();
        List<ValidationError> unreadable = new ArrayList<>();
        for (int i = 0; i < intents.size(); i++) {
            Intent intent = intents.get(i);
            try {
                objects.add(IntentProtos.toApi(intent));
            } catch (IllegalArgumentException e) {
                unreadable.add(ValidationError.newBuilder().setObject(intent.getRef()).setField("intents[" + i + "]")
                        .setReason(e.getMessage()).setMessage(e.getMessage()).build());
            }
        }
        if (!manifest.isEmpty()) {
            Manifests.Parsed parsed = Manifests.parse("manifest", manifest);
            for (HasMetadata object : parsed.objects()) {
                if (object instanceof Node) {
                    continue;
                }
                if (idOf(object) == null) {
                    String reason = "not an openpe intent: " + object.getKind();
                    unreadable.add(ValidationError.newBuilder().setField("manifest").setReason(reason)
                            .setMessage(reason).build());
                } else {
                    objects.add(object);
                }
            }
            parsed.errors().forEach(e -> unreadable.add(ValidationError.newBuilder().setField("manifest").setReason(e)
                    .setMessage(e).build()));
        }
        return new Submitted(objects, unreadable);
    }

    private ValidationError toProto(ResourceError error) {
        return ValidationError.newBuilder()
                .setObject(IntentProtos.ref(reconciler.cluster(), error.object()))
                .setField(error.field())
                .setReason(error.reason())
                .setMessage(error.message())
                .build();
    }
}
