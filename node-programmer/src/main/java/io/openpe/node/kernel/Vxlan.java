package io.openpe.node.kernel;

import java.util.OptionalLong;

/**
 * A VXLAN device {@code vni<vni>} in the router namespace. Learning is off because EVPN, not flooding, fills the
 * forwarding database (RFC 7432 §9; FRR's EVPN guide).
 */
public record Vxlan(String name, long vni, String local, int dstPort, boolean learning, int mtu, boolean up)
        implements KernelObject {

    public static final String PREFIX = "vni";

    public static Vxlan desired(String name, long vni, String local, int dstPort, int mtu) {
        return new Vxlan(name, vni, local, dstPort, false, mtu, true);
    }

    public static String nameFor(long vni) {
        return PREFIX + vni;
    }

    public static OptionalLong vniOf(String name) {
        return Names.vniAfter(PREFIX, name);
    }

    @Override
    public Side side() {
        return Side.ROUTER;
    }

    @Override
    public String id() {
        return "vxlan " + name;
    }

    @Override
    public int rank() {
        return 5;
    }

    /** The kernel cannot change a VXLAN's VNI, local address, port or learning in place on every version. */
    @Override
    public boolean modifiableTo(KernelObject desired) {
        return desired instanceof Vxlan other && other.vni == vni && other.local.equals(local)
                && other.dstPort == dstPort && other.learning == learning;
    }
}
