package io.openpe.lab.layout;

import java.nio.file.Path;
import java.util.List;

/**
 * One cluster's leaf and nodes. The leaf's bridge {@code fabric} holds the leaf address and one port per node; its
 * link {@code tospine} is a /31 to the spine's port {@code spinePort}.
 */
public record ClusterLayout(ClusterSpec spec, String leafNetns, Path leafFrrDirectory, String leafUplinkCidr,
        String spinePort, String spineDownlinkCidr, List<NodeLayout> nodes) {

    public static final String LEAF_BRIDGE = "fabric";
    public static final String LEAF_UPLINK = "tospine";

    public ClusterLayout {
        nodes = List.copyOf(nodes);
    }

    public String name() {
        return spec.name();
    }

    public static String address(String cidr) {
        return cidr.substring(0, cidr.indexOf('/'));
    }
}
