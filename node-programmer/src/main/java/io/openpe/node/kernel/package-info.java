/**
 * Kernel objects node-programmer owns, one record per kind, and the pure diff between desired and actual state.
 *
 * <p>Ownership is read from the object itself, never from a side table: a link is ours when its name parses back
 * ({@code br-pe-<vni>}, {@code br-hs-<vni>}, {@code vni<vni>}, {@code pe-<vni>}/{@code host-<vni>}), a VRF when its
 * table id lies in the range {@link io.openpe.node.kernel.Vrf#tableFor} derives from a VNI, a moved NIC by its alias
 * {@link io.openpe.node.kernel.NicPlacement#ALIAS}. Everything else is never touched.
 */
package io.openpe.node.kernel;
