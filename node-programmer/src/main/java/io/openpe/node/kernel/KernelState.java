package io.openpe.node.kernel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What was read from the kernel: our objects (links whose names follow the scheme, their addresses and masters, the
 * sysctls we manage, moved NICs) and every link per side, ours or not, with its global addresses, so that an adapter
 * can tell whether a link it refers to exists and carry a NIC's addresses along when it moves the NIC; and which links
 * carry a link group, which a removal by group has to know.
 */
public record KernelState(List<KernelObject> objects, Map<String, List<String>> routerLinks,
        Map<String, List<String>> hostLinks, Map<String, Long> routerGroups, Map<String, Long> hostGroups) {

    public KernelState {
        objects = List.copyOf(objects);
        routerLinks = Map.copyOf(routerLinks);
        hostLinks = Map.copyOf(hostLinks);
        routerGroups = Map.copyOf(routerGroups);
        hostGroups = Map.copyOf(hostGroups);
    }

    /** A state in which no link carries a link group. */
    public KernelState(List<KernelObject> objects, Map<String, List<String>> routerLinks,
            Map<String, List<String>> hostLinks) {
        this(objects, routerLinks, hostLinks, Map.of(), Map.of());
    }

    public static KernelState empty() {
        return new KernelState(List.of(), Map.of(), Map.of());
    }

    /**
     * The links of a side's namespace that carry link group {@code group}: every link there, including those of the
     * host side this state does not otherwise show.
     */
    public Set<String> inGroup(Side side, long group) {
        Set<String> names = new TreeSet<>();
        (side == Side.ROUTER ? routerGroups : hostGroups).forEach((name, g) -> {
            if (g == group) {
                names.add(name);
            }
        });
        return names;
    }

    public Set<String> links(Side side) {
        return (side == Side.ROUTER ? routerLinks : hostLinks).keySet();
    }

    /** Global addresses of a link on a side, in CIDR notation; empty when the link does not exist there. */
    public List<String> addressesOf(Side side, String link) {
        return (side == Side.ROUTER ? routerLinks : hostLinks).getOrDefault(link, List.of());
    }
}
