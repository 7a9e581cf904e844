package io.openpe.node.frr;

import io.openpe.rules.CommandToken;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The FRR statements only the network-namespace VRF datapath needs: {@code netns /run/netns/<vrf>} in every VRF block,
 * as zebra {@code -n} writes it back in its running configuration.
 *
 * <p>Every VRF of the node's namespace layout gets a block, also one that holds only L2VNIs (seed 003's {@code rouge}
 * with L2VNI 666 and no L3VNI, for which the renderer writes no {@code vrf} block). Without it frr-reload.py reads
 * zebra's {@code vrf rouge / netns /run/netns/rouge} as a line to delete, sends {@code no netns}, and zebra detaches
 * the VRF for good ({@code inactive (configured)}): the namespace is never shown to it again, so it never rebinds.
 */
public final class NetnsVrfStatements {

    /** Where zebra finds a VRF's namespace: its private {@code /run/netns}, under the VRF's name. */
    static final String NETNS_DIR = "/run/netns/";

    private NetnsVrfStatements() {
    }

    /**
     * The rendered configuration with {@code netns /run/netns/<vrf>} first in every top-level {@code vrf} block, and
     * a block of its own for each of {@code vrfs} that has none, before the first {@code router} block.
     */
    public static String addTo(String rendered, Collection<String> vrfs) {
        String[] lines = rendered.split("\n", -1);
        Set<String> withoutBlock = new TreeSet<>(vrfs);
        Arrays.stream(lines).filter(NetnsVrfStatements::opensVrf).map(line -> line.substring(4))
                .forEach(withoutBlock::remove);
        StringBuilder out = new StringBuilder();
        boolean pending = !withoutBlock.isEmpty();
        for (String line : lines) {
            if (pending && line.startsWith("router ")) {
                withoutBlock.forEach(vrf -> bindingOnly(out, vrf));
                pending = false;
            }
            out.append(line).append('\n');
            if (opensVrf(line)) {
                out.append(" netns ").append(NETNS_DIR).append(line.substring(4)).append('\n');
            }
        }
        out.setLength(out.length() - 1);
        if (pending) {
            withoutBlock.forEach(vrf -> bindingOnly(out, vrf));
        }
        return out.toString();
    }

    private static boolean opensVrf(String line) {
        return line.startsWith("vrf ") && line.indexOf(' ', 4) < 0;
    }

    private static void bindingOnly(StringBuilder out, String vrf) {
        out.append("vrf ").append(CommandToken.requireInterfaceName(vrf)).append('\n')
                .append(" netns ").append(NETNS_DIR).append(vrf).append('\n')
                .append("exit-vrf\n!\n");
    }
}
