package io.openpe.proto.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {

    @Test
    void invalidArgumentCarriesOneFieldViolationPerBrokenFieldAndListsThemInTheMessage() {
        var error = GrpcErrors.invalidArgument(List.of(new GrpcErrors.Violation("spec.vni", "must be set"),
                new GrpcErrors.Violation("spec.vrf", "too long")));
        assertEquals(Status.Code.INVALID_ARGUMENT, error.getStatus().getCode());
        assertEquals("spec.vni: must be set; spec.vrf: too long", error.getStatus().getDescription());
        assertEquals(List.of(new GrpcErrors.Violation("spec.vni", "must be set"),
                new GrpcErrors.Violation("spec.vrf", "too long")), GrpcErrors.violations(error));
    }

    @Test
    void anInvalidArgumentWithoutViolationsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GrpcErrors.invalidArgument(List.of()));
    }

    @Test
    void unavailableCarriesTheRetryDelay() {
        var error = GrpcErrors.unavailable("Kafka is unavailable", Duration.ofSeconds(2));
        assertEquals(Status.Code.UNAVAILABLE, error.getStatus().getCode());
        assertEquals(Optional.of(Duration.ofSeconds(2)), GrpcErrors.retryAfter(error));
        assertEquals(List.of(), GrpcErrors.violations(error));
    }

    @Test
    void anErrorWithoutDetailsHasNoViolations() {
        assertEquals(List.of(), GrpcErrors.violations(Status.NOT_FOUND.asRuntimeException()));
        assertEquals(Optional.empty(), GrpcErrors.retryAfter(Status.NOT_FOUND.asRuntimeException()));
    }
}
