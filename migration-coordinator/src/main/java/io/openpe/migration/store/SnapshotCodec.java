package io.openpe.migration.store;

import io.openpe.migration.saga.Attempt;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.MigrationSaga;
import io.openpe.migration.saga.SagaState;
import io.openpe.migration.saga.Step;
import io.openpe.migration.v1.ClusterRef;
import io.openpe.migration.v1.MigrationSnapshot;
import io.openpe.migration.v1.Phase;
import io.openpe.migration.v1.StartMigration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The saga's snapshot on {@code openpe.migrations} and back, losslessly: a coordinator that restarts resumes from
 * exactly the state it wrote. The phase names the state (and, while running, the step).
 */
public final class SnapshotCodec {
  private SnapshotCodec() {
  }

  public static MigrationSnapshot toProto(MigrationSaga saga) {
    MigrationSnapshot.Builder out = MigrationSnapshot.newBuilder()
        .setMigrationId(saga.migrationId())
        .setRevision(saga.revision())
        .setSyncAddress(saga.syncAddress())
        .setBaselineSequence(saga.baselineSequence())
        .setBaselineCluster(saga.baselineCluster())
        .addAllWarnings(saga.warnings())
        .setPhase(phase(saga.state()));
    if (saga.request() != null) {
      out.setRequest(request(saga.request()));
    }
    if (saga.startedAt() != null) {
      out.setStartedAt(Timestamps.of(saga.startedAt()));
    }
    if (saga.updatedAt() != null) {
      out.setUpdatedAt(Timestamps.of(saga.updatedAt()));
    }
    if (saga.state() instanceof SagaState.Active active) {
      Attempt attempt = active.attempt();
      out.setStep(attempt.step().label()).setAttempt(attempt.number()).setAwaiting(attempt.awaiting())
          .setRetryAt(Timestamps.of(attempt.retryAt()));
    }
    switch (saga.state()) {
      case SagaState.Running r -> out.setPhaseDeadline(Timestamps.of(r.deadline())).setOverdue(r.overdue())
          .setProgress(r.progress());
      case SagaState.Compensating c -> out.setReached(c.reached().label()).setCancelled(c.cancelled())
          .setFailureReason(c.reason());
      case SagaState.Pivoted p -> {
        out.setPivotedAt(Timestamps.of(p.pivotedAt()));
        p.deadline().ifPresent(d -> out.setPhaseDeadline(Timestamps.of(d)));
      }
      case SagaState.Failed f -> out.setFailureReason(f.reason());
      case SagaState.Cancelled c -> out.setFailureReason(c.reason());
      case SagaState.Refused r -> out.setFailureReason(r.reason());
      case SagaState.Succeeded s -> {
      }
      case SagaState.Absent a -> {
      }
    }
    return out.build();
  }

  public static MigrationSaga fromProto(MigrationSnapshot in) {
    MigrationRequest request = in.hasRequest() ? request(in.getRequest()) : null;
    return new MigrationSaga(in.getMigrationId(), request, state(in), in.getRevision(),
        Timestamps.instant(in.hasStartedAt(), in.getStartedAt()),
        Timestamps.instant(in.hasUpdatedAt(), in.getUpdatedAt()), in.getSyncAddress(), in.getBaselineSequence(),
        in.getBaselineCluster(), in.getWarningsList());
  }

  public static StartMigration request(MigrationRequest request) {
    return StartMigration.newBuilder()
        .setMigrationId(request.migrationId())
        .setVmName(request.vmName())
        .setSource(ClusterRef.newBuilder().setName(request.sourceCluster()).setNamespace(request.vmNamespace()))
        .setTarget(ClusterRef.newBuilder().setName(request.targetCluster()).setNamespace(request.targetNamespace()))
        .setMigrationNetwork(request.migrationNetwork())
        .setDeadlineSeconds((int) request.deadline().toSeconds())
        .build();
  }

  /** Where each value of a {@link MigrationRequest} is in a {@link StartMigration}, as a proto field path. */
  private static final Map<String, String> START_FIELDS = Map.of("migrationId", "migration_id",
      "vmNamespace", "source.namespace", "vmName", "vm_name", "sourceCluster", "source.name",
      "targetCluster", "target.name");

  /**
   * What {@link #request} would refuse in {@code start}: field path in StartMigration → reason, in the rule's order;
   * empty when the start is complete.
   */
  public static Map<String, String> violations(StartMigration start) {
    Map<String, String> violations = new LinkedHashMap<>();
    MigrationRequest.violations(start.getMigrationId(), start.getSource().getNamespace(), start.getVmName(),
        start.getSource().getName(), start.getTarget().getName())
        .forEach(v -> violations.put(START_FIELDS.get(v.component()), v.reason()));
    return violations;
  }

  /** @throws IllegalArgumentException when a required field is missing ({@link #violations} says which) */
  public static MigrationRequest request(StartMigration start) {
    return new MigrationRequest(start.getMigrationId(), start.getSource().getNamespace(), start.getVmName(),
        start.getSource().getName(), start.getTarget().getName(), start.getTarget().getNamespace(),
        start.getMigrationNetwork(), Duration.ofSeconds(Integer.toUnsignedLong(start.getDeadlineSeconds())));
  }

  /** The phase an operator sees for a state. */
  public static Phase phase(SagaState state) {
    return switch (state) {
      case SagaState.Absent a -> Phase.PHASE_UNSPECIFIED;
      case SagaState.Running r -> switch (r.attempt().step()) {
        case PRE_CHECKS, FABRIC_BASELINE -> Phase.PHASE_PRE_CHECKS;
        case ENSURE_NETWORK -> Phase.PHASE_ENSURE_NETWORK;
        case RECEIVER_VM -> Phase.PHASE_RECEIVER_VM;
        case TARGET_MIGRATION -> Phase.PHASE_TARGET_MIGRATION;
        case SYNC_ADDRESS -> Phase.PHASE_SYNC_ADDRESS;
        case SOURCE_MIGRATION -> Phase.PHASE_SOURCE_MIGRATION;
        default -> Phase.PHASE_MIGRATING;
      };
      case SagaState.Compensating c -> Phase.PHASE_COMPENSATING;
      case SagaState.Pivoted p -> p.attempt().step() == Step.VERIFY_ROUTES ? Phase.PHASE_VERIFY_ROUTES
          : Phase.PHASE_PIVOTED;
      case SagaState.Succeeded s -> Phase.PHASE_SUCCEEDED;
      case SagaState.Failed f -> Phase.PHASE_FAILED;
      case SagaState.Cancelled c -> Phase.PHASE_CANCELLED;
      case SagaState.Refused r -> Phase.PHASE_REFUSED;
    };
  }

  private static SagaState state(MigrationSnapshot in) {
    return switch (in.getPhase()) {
      case PHASE_UNSPECIFIED, UNRECOGNIZED -> new SagaState.Absent();
      case PHASE_PRE_CHECKS, PHASE_ENSURE_NETWORK, PHASE_RECEIVER_VM, PHASE_TARGET_MIGRATION, PHASE_SYNC_ADDRESS,
          PHASE_SOURCE_MIGRATION, PHASE_MIGRATING -> new SagaState.Running(attempt(in),
          Timestamps.instant(in.hasPhaseDeadline(), in.getPhaseDeadline()), in.getOverdue(), in.getProgress());
      case PHASE_COMPENSATING -> new SagaState.Compensating(attempt(in), Step.fromLabel(in.getReached()),
          in.getFailureReason(), in.getCancelled());
      case PHASE_PIVOTED, PHASE_VERIFY_ROUTES -> new SagaState.Pivoted(attempt(in),
          Timestamps.instant(in.hasPivotedAt(), in.getPivotedAt()),
          Optional.ofNullable(Timestamps.instant(in.hasPhaseDeadline(), in.getPhaseDeadline())));
      case PHASE_SUCCEEDED -> new SagaState.Succeeded(String.join("; ", in.getWarningsList()));
      case PHASE_FAILED -> new SagaState.Failed(in.getFailureReason());
      case PHASE_CANCELLED -> new SagaState.Cancelled(in.getFailureReason());
      case PHASE_REFUSED -> new SagaState.Refused(in.getFailureReason());
    };
  }

  private static Attempt attempt(MigrationSnapshot in) {
    return new Attempt(Step.fromLabel(in.getStep()), in.getAttempt(), in.getAwaiting(),
        Timestamps.instant(in.hasRetryAt(), in.getRetryAt()));
  }
}
