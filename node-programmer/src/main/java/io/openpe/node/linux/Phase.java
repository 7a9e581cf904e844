package io.openpe.node.linux;

import io.openpe.node.kernel.Side;

/**
 * The {@code ip -batch} processes of one apply, in the order they run. Each runs only when it has commands.
 * The removal phases hold only {@code link del} lines, which {@link LinkRemoval} turns into the lines sent.
 * The host namespace is visited twice because its objects hang on both ends of the router's work: NICs leave it
 * before the router can raise them, and a veth's host end exists only after the router created the pair.
 */
enum Phase {
    /**
     * Links the router namespace loses, deleted together ({@link LinkRemoval}) before anything of the pass is
     * created, VRFs included: a replaced link's name is free by then.
     */
    REMOVE_ROUTER(Side.ROUTER),
    /** Links the host side loses (host bridges, stray host ends), likewise; a veth's host end goes with its pair. */
    REMOVE_HOST(Side.HOST),
    /** NIC moves into the router namespace. */
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

    boolean removal() {
        return this == REMOVE_ROUTER || this == REMOVE_HOST;
    }
}
