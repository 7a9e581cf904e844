/**
 * The fabric as values: what the caller asks for ({@link io.openpe.lab.layout.FabricSpec}) and every name, address
 * and FRR configuration derived from it ({@link io.openpe.lab.layout.Layout}). Pure: no process is run here, so the
 * whole topology is unit-tested without root.
 */
package io.openpe.lab.layout;
