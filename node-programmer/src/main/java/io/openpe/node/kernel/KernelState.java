package io.openpe.node.kernel;

import java.util.List;
import java.util.Set;

/**
 * What was read from the kernel: our objects (links whose names follow the scheme, their addresses and masters, the
 * sysctls we manage, moved NICs) and the names of every link per side, ours or not, so that an adapter can tell
 * whether a link it refers to exists.
 */
public record KernelState(List<KernelObject> objects, Set<String> routerLinks, Set<String> hostLinks) {

    public KernelState {
        objects = List.copyOf(objects);
        routerLinks = Set.copyOf(routerLinks);
        hostLinks = Set.copyOf(hostLinks);
    }

    public static KernelState empty() {
        return new KernelState(List.of(), Set.of(), Set.of());
    }

    public Set<String> links(Side side) {
        return side == Side.ROUTER ? routerLinks : hostLinks;
    }
}
