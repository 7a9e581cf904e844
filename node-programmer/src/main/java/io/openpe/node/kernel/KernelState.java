package io.openpe.node.kernel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What was read from the kernel: our objects (links whose names follow the scheme, their addresses and masters, the
 * sysctls we manage, moved NICs) and every link per side, ours or not, with its global addresses, so that an adapter
 * can tell whether a link it refers to exists and carry a NIC's addresses along when it moves the NIC.
 */
public record KernelState(List<KernelObject> objects, Map<String, List<String>> routerLinks,
        Map<String, List<String>> hostLinks) {

    public KernelState {
        objects = List.copyOf(objects);
        routerLinks = Map.copyOf(routerLinks);
        hostLinks = Map.copyOf(hostLinks);
    }

    public static KernelState empty() {
        return new KernelState(List.of(), Map.of(), Map.of());
    }

    public Set<String> links(Side side) {
        return (side == Side.ROUTER ? routerLinks : hostLinks).keySet();
    }

    /** Global addresses of a link on a side, in CIDR notation; empty when the link does not exist there. */
    public List<String> addressesOf(Side side, String link) {
        return (side == Side.ROUTER ? routerLinks : hostLinks).getOrDefault(link, List.of());
    }
}
