package io.openpe.node.linux;

import io.openpe.node.kernel.Side;

/**
 * The {@code ip -batch} processes of one apply, in the order they run. Each runs only when it has commands.
 * The host namespace is visited twice because its objects hang on both ends of the router's work: NICs leave it
 * before the router can raise them, and a veth's host end exists only after the router created the pair.
 */
enum Phase {
    /** Host-side removals that would block the router's creations, and NIC moves into the router namespace. */
    HOST_FIRST(Side.HOST),
    /** VRF creation, alone: a missing VRF must be known before any command names it as a master. */
    VRF(Side.ROUTER),
    ROUTER(Side.ROUTER),
    /** Host bridges, host ends of veths: their state, masters and addresses. */
    HOST_LAST(Side.HOST);

    final Side side;

    Phase(Side side) {
        this.side = side;
    }
}
