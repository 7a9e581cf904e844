/**
 * The migration saga as a pure function (STYLE §2, like node-programmer's {@code KernelDiff}): {@link
 * io.openpe.migration.saga.Saga#decide} takes a {@link io.openpe.migration.saga.MigrationSaga} snapshot and one
 * {@link io.openpe.migration.saga.SagaInput} and returns the next snapshot, the {@link
 * io.openpe.migration.saga.Command}s to run and the {@link io.openpe.migration.saga.SagaEvent}s to record. Time comes
 * in with the input; nothing here reads a clock, a cluster or Kafka. JDK only.
 */
package io.openpe.migration.saga;
