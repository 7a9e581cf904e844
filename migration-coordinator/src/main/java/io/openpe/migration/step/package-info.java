/**
 * One class per saga step executor (STYLE §2): pre-checks, ensure the migration network, receiver VM, target VMIM,
 * sync address, source VMIM, observe phases, finalize, and the compensations (delete target VMIM, delete source VMIM,
 * delete receiver VM while it has not pivoted, remove the migration network objects this migration created).
 *
 * <p>Each executor reads first, converges, and returns a {@link io.openpe.migration.step.StepOutcome} whose
 * observation is a plain record. Names are derived from the migration id ({@link
 * io.openpe.migration.kube.MigrationNames}) and every object created carries {@link
 * io.openpe.migration.kube.Ownership} labels, so a repeat finds its own object and never someone else's. Depends on
 * {@code kube} and {@code network} only; no Quarkus, no Kafka, no saga.
 */
package io.openpe.migration.step;
