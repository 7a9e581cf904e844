package io.openpe.node.kernel;

/**
 * A link enslaved to a bridge or a VRF.
 *
 * @param evpnPort bridge port flags of a VXLAN port: {@code neigh_suppress on} (the bridge answers ARP/ND from the
 *                 EVPN-learned entries instead of flooding them over the fabric) and {@code learning off}
 */
public record LinkMaster(Side side, String link, String master, boolean evpnPort) implements KernelObject {

    @Override
    public String id() {
        return "master " + link;
    }

    @Override
    public int rank() {
        return 7;
    }
}
