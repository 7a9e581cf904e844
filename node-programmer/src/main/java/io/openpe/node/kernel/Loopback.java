package io.openpe.node.kernel;

/** {@code lo} of the router namespace, which must be up: the VTEP address lives on it. */
public record Loopback(boolean up) implements KernelObject {

    public static final String NAME = "lo";

    @Override
    public Side side() {
        return Side.ROUTER;
    }

    @Override
    public String id() {
        return "link lo";
    }

    @Override
    public int rank() {
        return 1;
    }
}
