package io.openpe.intent.grpc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.openpe.intent.directory.Manifests;
import io.openpe.intent.model.ObjectId;
import io.openpe.intent.publish.IntentProtos;
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
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** IntentService over gRPC: a thin adapter from proto requests to the reconciler. */
@GrpcService
@Blocking
public class IntentGrpcService extends IntentServiceGrpc.IntentServiceImplBase {

    private final IntentReconciler reconciler;

    @Inject
    public IntentGrpcService(IntentReconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** The request's objects, and the manifest documents that could not be read as objects. */
    private record Submitted(List<HasMetadata> objects, List<ValidationError> unreadable) {
    }

    @Override
    public void apply(ApplyRequest request, StreamObserver<ApplyResponse> response) {
        Submitted submitted = objectsOf(request.getIntentsList(), request.getManifest());
        List<String> owned = submitted.objects().stream().map(IntentGrpcService::idOf).filter(id -> id != null)
                .flatMap(id -> ownedElsewhere(id).stream()).toList();
        if (!owned.isEmpty()) {
            // Nothing of the request is applied: the caller learns every object it may not write, in one answer.
            response.onError(Status.FAILED_PRECONDITION.withDescription(String.join("; ", owned)).asRuntimeException());
            return;
        }
        ApplyResponse.Builder reply = ApplyResponse.newBuilder().addAllErrors(submitted.unreadable());
        for (HasMetadata object : submitted.objects()) {
            switch (reconciler.apply(object, Source.SOURCE_GRPC)) {
                case IntentReconciler.Outcome.Applied a -> reply.addApplied(IntentProtos.ref(reconciler.cluster(), a.id()));
                case IntentReconciler.Outcome.Unchanged u -> reply.addApplied(IntentProtos.ref(reconciler.cluster(), u.id()));
                case IntentReconciler.Outcome.Rejected r -> r.errors().forEach(e -> reply.addErrors(toProto(e)));
            }
        }
        response.onNext(reply.build());
        response.onCompleted();
    }

    @Override
    public void validate(ValidateRequest request, StreamObserver<ValidateResponse> response) {
        Submitted submitted = objectsOf(request.getIntentsList(), request.getManifest());
        List<ValidationError> errors = new ArrayList<>(submitted.unreadable());
        IntentReconciler.DryRun dryRun = reconciler.dryRun(submitted.objects());
        dryRun.errors().forEach(e -> errors.add(toProto(e)));
        response.onNext(ValidateResponse.newBuilder().setValid(errors.isEmpty()).addAllErrors(errors)
                .addAllFleetWarnings(dryRun.fleet().stream().map(FleetProtos::toProto).toList()).build());
        response.onCompleted();
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<DeleteResponse> response) {
        ObjectId id;
        try {
            id = IntentProtos.idOf(request.getRef());
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        Optional<String> owned = ownedElsewhere(id);
        if (owned.isPresent()) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(owned.get()).asRuntimeException());
            return;
        }
        response.onNext(DeleteResponse.newBuilder().setDeleted(reconciler.delete(id)).build());
        response.onCompleted();
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> response) {
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
        for (Intent intent : intents) {
            try {
                objects.add(IntentProtos.toApi(intent));
            } catch (IllegalArgumentException e) {
                unreadable.add(ValidationError.newBuilder().setObject(intent.getRef()).setReason(e.getMessage())
                        .setMessage(e.getMessage()).build());
            }
        }
        if (!manifest.isEmpty()) {
            Manifests.Parsed parsed = Manifests.parse("manifest", manifest);
            parsed.objects().stream().filter(o -> !(o instanceof Node)).forEach(objects::add);
            parsed.errors().forEach(e -> unreadable.add(ValidationError.newBuilder().setReason(e).setMessage(e).build()));
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
