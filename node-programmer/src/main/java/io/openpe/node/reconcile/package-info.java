/**
 * The agent loop ({@link io.openpe.node.reconcile.PlanLoop}): newest plan wins, one worker thread, resync timer,
 * retry with backoff, one report per pass. It owns ordering and timing only; what to change is decided in
 * {@code desired}/{@code kernel}/{@code frr} and done in {@code linux}/{@code frrctl} behind {@link
 * io.openpe.node.reconcile.Enactor}.
 */
package io.openpe.node.reconcile;
