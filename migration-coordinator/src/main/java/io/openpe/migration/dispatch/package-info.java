/**
 * Runs the saga's commands outside the decider: {@link io.openpe.migration.dispatch.StepRunner} turns one
 * {@link io.openpe.migration.saga.Command} into a call of its {@code step} executor and the executor's outcome into a
 * saga {@link io.openpe.migration.saga.Outcome}; {@link io.openpe.migration.dispatch.CommandLoop} is the Kafka edge
 * (consume commands, publish results as inputs, commit after). A command delivered twice runs twice: every executor
 * reads before it acts, and the decider applies a result once per command id.
 */
package io.openpe.migration.dispatch;
