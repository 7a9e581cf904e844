package io.openpe.node.frr;

/**
 * On the netns datapath zebra ({@code -n}) binds each VRF to its namespace file and prints that binding in its
 * running configuration ({@code vrf red} / {@code netns /run/netns/red}). Rendering the same line keeps
 * {@code frr-reload.py} from trying to remove it on every pass; it is the only statement the datapaths differ by.
 */
public final class NetnsVrfStatements {

    /** Where zebra finds a VRF's namespace: its private {@code /run/netns}, under the VRF's name. */
    static final String NETNS_DIR = "/run/netns/";

    private NetnsVrfStatements() {
    }

    /** The rendered configuration with {@code netns /run/netns/<vrf>} first in every top-level {@code vrf} block. */
    public static String addTo(String rendered) {
        StringBuilder out = new StringBuilder();
        for (String line : rendered.split("\n", -1)) {
            out.append(line).append('\n');
            if (line.startsWith("vrf ") && line.indexOf(" ", 4) < 0) {
                out.append(" netns ").append(NETNS_DIR).append(line.substring(4)).append('\n');
            }
        }
        return out.substring(0, out.length() - 1);
    }
}
