/**
 * The kernel adapter (iproute2 6.1). Reads with one {@code ip -d -j addr show} per namespace (links, details,
 * bridge-port flags and addresses in one dump; {@code neigh_suppress} is in {@code info_slave_data}, so no separate
 * {@code bridge} call) and one {@code sysctl}; writes with one {@code ip -force -batch -} process per phase that has
 * commands. VRF creation runs alone first because iproute2 exits outright when a later command names a missing
 * master, which would abort the whole batch.
 *
 * <p>{@link io.openpe.node.linux.NodeEnactor} is the entry the reconcile loop calls.
 */
package io.openpe.node.linux;
