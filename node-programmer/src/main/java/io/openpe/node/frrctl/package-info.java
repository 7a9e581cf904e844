/**
 * Talks to FRR: {@code vtysh -C} to check, {@code frr-reload.py --reload} to apply, {@code show running-config} to
 * hash. FRR 8.4 quirks handled here are documented on {@link io.openpe.node.frrctl.BmpMonitors} and
 * {@link io.openpe.node.frrctl.FrrControl}.
 */
package io.openpe.node.frrctl;
