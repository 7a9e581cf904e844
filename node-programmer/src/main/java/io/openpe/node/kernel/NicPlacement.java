package io.openpe.node.kernel;

/**
 * An underlay NIC moved from the host into the router namespace. The NIC keeps its name; the alias {@link #ALIAS}
 * marks it as moved by us, so that it can be returned to the host when the Underlay no longer names it.
 */
public record NicPlacement(String name, boolean up, String alias) implements KernelObject {

    public static final String ALIAS = "openpe:underlay-nic";

    public static NicPlacement desired(String name) {
        return new NicPlacement(name, true, ALIAS);
    }

    @Override
    public Side side() {
        return Side.ROUTER;
    }

    @Override
    public String id() {
        return "nic " + name;
    }

    @Override
    public int rank() {
        return 2;
    }
}
