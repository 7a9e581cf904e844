package io.openpe.node.kernel;

/** An IP address in CIDR notation on a link. */
public record Address(Side side, String link, String cidr) implements KernelObject {

    @Override
    public String id() {
        return "address " + cidr + " on " + link + (side == Side.HOST ? " (host)" : "");
    }

    @Override
    public int rank() {
        return 8;
    }
}
