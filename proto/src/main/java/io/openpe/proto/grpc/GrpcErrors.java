package io.openpe.proto.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.util.Durations;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The error answers every openpe gRPC service gives with {@code google.rpc} details (proto/README.md, "Error
 * model"): INVALID_ARGUMENT carries a {@link BadRequest} with one field violation per broken field, UNAVAILABLE a
 * {@link RetryInfo}. The services' validators decide what is broken; this only shapes the answer.
 */
public final class GrpcErrors {

    /** One broken field: its path in the request ({@code spec.vni}, {@code migration.vm_name}) and why. */
    public record Violation(String field, String description) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(description, "description");
        }
    }

    private GrpcErrors() {
    }

    /** INVALID_ARGUMENT for one broken field. */
    public static StatusRuntimeException invalidArgument(String field, String description) {
        return invalidArgument(List.of(new Violation(field, description)));
    }

    /**
     * INVALID_ARGUMENT naming every broken field; the status message lists them too, for clients that do not read
     * details.
     */
    public static StatusRuntimeException invalidArgument(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an INVALID_ARGUMENT answer needs at least one field violation");
        }
        BadRequest.Builder detail = BadRequest.newBuilder();
        violations.forEach(v -> detail.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField(v.field()).setDescription(v.description())));
        String message = violations.stream().map(v -> v.field() + ": " + v.description())
                .collect(Collectors.joining("; "));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(message).addDetails(Any.pack(detail.build())).build());
    }

    /** UNAVAILABLE: nothing was changed, the same call may succeed after {@code retryAfter}. */
    public static StatusRuntimeException unavailable(String message, Duration retryAfter) {
        RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(Durations.fromMillis(retryAfter.toMillis())).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.UNAVAILABLE_VALUE).setMessage(message).addDetails(Any.pack(retry)).build());
    }

    /** The field violations of an error answer; empty when it carries no BadRequest (clients and tests). */
    public static List<Violation> violations(Throwable error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status == null) {
            return List.of();
        }
        return status.getDetailsList().stream().filter(any -> any.is(BadRequest.class))
                .flatMap(any -> unpack(any, BadRequest.class).getFieldViolationsList().stream())
                .map(v -> new Violation(v.getField(), v.getDescription())).toList();
    }

    /** The retry delay of an UNAVAILABLE answer, when it carries one. */
    public static java.util.Optional<Duration> retryAfter(Throwable error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        if (status == null) {
            return java.util.Optional.empty();
        }
        return status.getDetailsList().stream().filter(any -> any.is(RetryInfo.class)).findFirst()
                .map(any -> Duration.ofMillis(Durations.toMillis(unpack(any, RetryInfo.class).getRetryDelay())));
    }

    private static <T extends com.google.protobuf.Message> T unpack(Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a " + type.getSimpleName() + " detail does not decode", e);
        }
    }
}
