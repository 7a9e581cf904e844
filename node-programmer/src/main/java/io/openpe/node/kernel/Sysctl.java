package io.openpe.node.kernel;

/** A sysctl in the router namespace. Never deleted: the namespace's defaults are not ours to restore. */
public record Sysctl(String key, String value) implements KernelObject {

    @Override
    public Side side() {
        return Side.ROUTER;
    }

    @Override
    public String id() {
        return "sysctl " + key;
    }

    @Override
    public int rank() {
        return 0;
    }
}
