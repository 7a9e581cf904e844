package io.openpe.node.kernel;

/**
 * A link whose name follows our scheme but that cannot be one of our objects as it stands, e.g. a veth end whose
 * peer is not in the other namespace, or a {@code br-pe-} name on a non-bridge. Never desired: always deleted.
 */
public record StrayLink(Side side, String name, String kind) implements KernelObject {

    @Override
    public String id() {
        return "stray " + name + (side == Side.HOST ? " (host)" : "");
    }

    @Override
    public int rank() {
        return 9;
    }
}
