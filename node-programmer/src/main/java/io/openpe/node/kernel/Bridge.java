package io.openpe.node.kernel;

import io.openpe.rules.HostBridgeName;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Linux bridge: {@code br-pe-<vni>} in the router namespace (the EVPN MAC-VRF, carrying the anycast gateway) or
 * {@code br-hs-<vni>} in the host namespace (the host master workloads attach to).
 *
 * @param mac empty: not managed (the kernel picks one)
 * @param mtu empty: not managed (follows the ports)
 */
public record Bridge(Side side, String name, Optional<String> mac, OptionalInt mtu, boolean up)
        implements KernelObject {

    public static final String ROUTER_PREFIX = "br-pe-";
    public static final String HOST_PREFIX = HostBridgeName.PREFIX;

    public static String nameFor(long vni) {
        return ROUTER_PREFIX + vni;
    }

    public static String hostNameFor(long vni) {
        return HostBridgeName.of(vni);
    }

    /** The VNI of a router or host bridge name; empty when the name does not follow the scheme. */
    public static OptionalLong vniOf(String name) {
        OptionalLong router = Names.vniAfter(ROUTER_PREFIX, name);
        return router.isPresent() ? router : HostBridgeName.vniOf(name);
    }

    /** Whether a bridge of this name on this side is ours to create and delete. */
    public static boolean isOurs(Side side, String name) {
        return (side == Side.ROUTER ? Names.vniAfter(ROUTER_PREFIX, name) : HostBridgeName.vniOf(name)).isPresent();
    }

    @Override
    public String id() {
        return "bridge " + name;
    }

    @Override
    public int rank() {
        return 4;
    }

    @Override
    public boolean satisfies(KernelObject desired) {
        return desired instanceof Bridge want && want.side == side && want.name.equals(name) && want.up == up
                && (want.mac.isEmpty() || want.mac.equals(mac)) && (want.mtu.isEmpty() || want.mtu.equals(mtu));
    }
}
