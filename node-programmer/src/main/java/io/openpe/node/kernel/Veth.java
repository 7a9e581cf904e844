package io.openpe.node.kernel;

import java.util.OptionalLong;

/**
 * A veth pair between the namespaces: {@code pe-<vni>} in the router namespace, {@code host-<vni>} in the host
 * namespace. It is created from the router side with its peer placed in the host namespace, hence {@link Side#ROUTER}.
 */
public record Veth(String routerName, String hostName, int mtu, boolean routerUp, boolean hostUp)
        implements KernelObject {

    public static final String ROUTER_PREFIX = "pe-";
    public static final String HOST_PREFIX = "host-";

    public static Veth desired(String routerName, String hostName, int mtu) {
        return new Veth(routerName, hostName, mtu, true, true);
    }

    public static String routerNameFor(long vni) {
        return ROUTER_PREFIX + vni;
    }

    public static String hostNameFor(long vni) {
        return HOST_PREFIX + vni;
    }

    /** The VNI of either end's name; empty when the name does not follow the scheme. */
    public static OptionalLong vniOf(String name) {
        OptionalLong router = Names.vniAfter(ROUTER_PREFIX, name);
        return router.isPresent() ? router : Names.vniAfter(HOST_PREFIX, name);
    }

    public static boolean isOurs(Side side, String name) {
        return Names.vniAfter(side == Side.ROUTER ? ROUTER_PREFIX : HOST_PREFIX, name).isPresent();
    }

    @Override
    public Side side() {
        return Side.ROUTER;
    }

    @Override
    public String id() {
        return "veth " + routerName + "/" + hostName;
    }

    @Override
    public int rank() {
        return 6;
    }

    /** A pair whose ends are named differently is another pair. */
    @Override
    public boolean modifiableTo(KernelObject desired) {
        return desired instanceof Veth other && other.routerName.equals(routerName)
                && other.hostName.equals(hostName);
    }
}
