package io.openpe.node.kernel;

/**
 * One kernel object node-programmer owns. Desired objects and objects read back from the kernel use the same records,
 * so a difference is a plain {@code equals}.
 */
public sealed interface KernelObject
        permits Sysctl, Loopback, NicPlacement, Vrf, Bridge, Vxlan, Veth, LinkMaster, Address, StrayLink {

    Side side();

    /** Identity, unique within a node: two objects with the same id are the same object in two states. */
    String id();

    /** Creation order: an object may refer only to objects of a lower rank. Deletion runs in reverse. */
    int rank();

    /**
     * Whether this actual state meets the desired one. Equality, except where the desired object leaves an attribute
     * to the kernel.
     */
    default boolean satisfies(KernelObject desired) {
        return equals(desired);
    }

    /**
     * Whether an attribute difference can be changed in place; otherwise the object is deleted and created again
     * (a VXLAN's VNI, local address or port, a VRF's table).
     */
    default boolean modifiableTo(KernelObject desired) {
        return true;
    }
}
