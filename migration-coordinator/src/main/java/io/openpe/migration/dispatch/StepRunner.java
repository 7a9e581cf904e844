package io.openpe.migration.dispatch;

import io.openpe.migration.network.MigrationNetworks;
import io.openpe.migration.saga.Command;
import io.openpe.migration.saga.MigrationRequest;
import io.openpe.migration.saga.Observation;
import io.openpe.migration.saga.Observation.Progress;
import io.openpe.migration.saga.Outcome;
import io.openpe.migration.step.Check;
import io.openpe.migration.step.Migration;
import io.openpe.migration.step.PreCheckReport;
import io.openpe.migration.step.StepOutcome;
import io.openpe.migration.step.Steps;
import io.openpe.migration.step.SyncAddress;
import java.util.function.Function;

/** One command → its executor → the saga's outcome. No Kafka here; the executors do the reading and writing. */
public final class StepRunner {
  private final Steps steps;
  private final MigrationNetworks networks;
  private final MacLocator macs;

  public StepRunner(Steps steps, MigrationNetworks networks, MacLocator macs) {
    this.steps = steps;
    this.networks = networks;
    this.macs = macs;
  }

  /** An unknown cluster or network is refused (a retry cannot help); executors report everything else. */
  public Outcome run(Command command) {
    try {
      return execute(command, migration(command.request()));
    } catch (IllegalArgumentException e) {
      return new Outcome.Rejected(e.getMessage());
    }
  }

  private Outcome execute(Command command, Migration migration) {
    return switch (command.step()) {
      case PRE_CHECKS -> map(steps.preChecks().run(migration), StepRunner::preChecked);
      case FABRIC_BASELINE -> macs.locate(migration);
      case VERIFY_ROUTES -> macs.awaitArrival(migration);
      case ENSURE_NETWORK -> map(steps.ensureMigrationNetwork().run(migration),
          ensured -> new Observation.Done("network objects " + ensured.objects()));
      case RECEIVER_VM -> map(steps.createReceiverVm().run(migration),
          receiver -> new Observation.Done("receiver " + receiver.vm() + ", MACs " + receiver.macAddresses()));
      case TARGET_MIGRATION -> map(steps.createTargetMigration().run(migration),
          target -> new Observation.Done("target VMIM " + target.vmim()));
      case SYNC_ADDRESS -> map(steps.readSyncAddress().run(migration),
          address -> new Observation.SyncAddressRead(address.connectUrl()));
      case SOURCE_MIGRATION -> map(steps.createSourceMigration().run(migration,
          new SyncAddress(command.syncAddress())), source -> new Observation.Done("source VMIM " + source.vmim()
              + " sending to " + source.connectUrl()));
      case MIGRATING -> map(steps.observePhases().run(migration), StepRunner::phases);
      case FINALIZE -> map(steps.finalizeMigration().run(migration),
          done -> new Observation.Done("target runStrategy " + done.targetRunStrategy() + ", source runStrategy "
              + done.sourceRunStrategy() + ", " + done.migrations()));
      case DELETE_SOURCE_MIGRATION -> map(steps.deleteSourceMigration().run(migration),
          removal -> new Observation.Done(removal.toString()));
      case DELETE_TARGET_MIGRATION -> map(steps.deleteTargetMigration().run(migration),
          removal -> new Observation.Done(removal.toString()));
      case DELETE_RECEIVER_VM -> map(steps.deleteReceiverVm().run(migration),
          removal -> new Observation.Done(removal.toString()));
      case REMOVE_NETWORK -> map(steps.removeMigrationNetwork().run(migration),
          removed -> new Observation.Done(removed.objects().toString()));
    };
  }

  private Migration migration(MigrationRequest request) {
    return new Migration(request.migrationId(), request.sourceCluster(), request.targetCluster(),
        request.vmNamespace(), request.vmName(), request.targetNamespace(), networks.get(request.migrationNetwork()));
  }

  public static <O> Outcome map(StepOutcome<O> outcome, Function<O, Observation> observed) {
    return switch (outcome) {
      case StepOutcome.Observed<O> o -> new Outcome.Observed(observed.apply(o.value()));
      case StepOutcome.Waiting<O> w -> new Outcome.Waiting(w.reason());
      case StepOutcome.Unreachable<O> u -> new Outcome.Unreachable(u.cluster(), u.reason());
      case StepOutcome.Conflict<O> c -> new Outcome.Conflict(c.object().toString(), c.owner(), c.reason());
      case StepOutcome.Rejected<O> r -> new Outcome.Rejected(r.reason());
    };
  }

  static Observation preChecked(PreCheckReport report) {
    return new Observation.PreChecked(report.failures().stream().map(StepRunner::describe).toList());
  }

  private static String describe(Check check) {
    return check.name() + (check.cluster().isEmpty() ? "" : " " + check.cluster()) + ": " + check.detail();
  }

  static Observation phases(io.openpe.migration.step.Phases phases) {
    Progress progress = phases.pivoted() ? Progress.PIVOTED
        : phases.sourceLost() ? Progress.SOURCE_LOST
        : phases.failed() ? Progress.FAILED
        : Progress.IN_PROGRESS;
    String detail = "target VMIM " + phases.target() + ", VMI " + phases.targetVmi() + "; source VMIM "
        + phases.source() + ", VMI " + phases.sourceVmi()
        + (phases.failureReason().isEmpty() ? "" : "; " + phases.failureReason());
    return new Observation.Phases(progress, detail);
  }
}
