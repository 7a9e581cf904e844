package io.openpe.node.frrctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works around an FRR 8.4 bgpd bug: {@code bmp monitor l2vpn evpn pre-policy} is written back in the running
 * configuration as {@code bmp monitor ipv6 evpn pre-policy}. frr-reload.py then sees a difference on every run, and
 * its second pass replays the first pass's lines in the wrong context ({@code vrf red} inside {@code router bgp} is
 * taken for the VNC command {@code vrf-policy red}). So the monitor lines are left out of what frr-reload.py
 * compares and are set with vtysh afterwards; setting a monitor that is already on changes nothing.
 */
final class BmpMonitors {

    private BmpMonitors() {
    }

    static String without(String config) {
        StringBuilder out = new StringBuilder();
        config.lines().filter(line -> !isMonitor(line)).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /** vtysh commands that set the monitor lines of the default-VRF BGP instance's BMP targets; empty if none. */
    static List<String> commands(String config) {
        List<String> commands = new ArrayList<>();
        String router = null;
        String targets = null;
        for (String line : config.lines().toList()) {
            if (line.startsWith("router bgp ")) {
                router = line.contains(" vrf ") ? null : line.strip();
                targets = null;
            } else if (line.strip().startsWith("bmp targets ")) {
                targets = line.strip();
            } else if (isMonitor(line) && router != null && targets != null) {
                if (commands.isEmpty()) {
                    commands.addAll(List.of("configure terminal", router, targets));
                }
                commands.add(line.strip());
            }
        }
        return commands;
    }

    /**
     * The rendered monitor lines that the running configuration lacks, in either spelling: FRR 8.4 prints
     * {@code l2vpn evpn} as {@code ipv6 evpn}.
     */
    static List<String> missing(String rendered, String running) {
        Set<String> present = running.lines().map(String::strip).collect(Collectors.toSet());
        return rendered.lines().filter(BmpMonitors::isMonitor).map(String::strip)
                .filter(line -> !present.contains(line)
                        && !present.contains(line.replace(" l2vpn evpn ", " ipv6 evpn ")))
                .map(line -> line + " (missing)").toList();
    }

    private static boolean isMonitor(String line) {
        return line.strip().startsWith("bmp monitor ");
    }
}
