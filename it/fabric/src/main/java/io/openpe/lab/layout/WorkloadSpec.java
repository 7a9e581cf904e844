package io.openpe.lab.layout;

import io.openpe.rules.Cidr;
import io.openpe.rules.HostBridgeName;
import java.util.Optional;

/**
 * A workload (pod or VM) as the bridge CNI plugs it: a namespace whose {@code eth0} has this MAC and address, its
 * other end enslaved to {@code br-hs-<vni>} of the node's host namespace.
 *
 * @param name short name, 1 to 12 of {@code [a-z0-9-]} (it names the host-side port {@code wl-<name>})
 */
public record WorkloadSpec(String name, String mac, String cidr, Optional<String> gateway, int vni) {

    public WorkloadSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,11}")) {
            throw new IllegalArgumentException("workload name must be 1 to 12 of [a-z0-9-], got " + name);
        }
        if (mac == null || !mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("MAC must be lower-case aa:bb:cc:dd:ee:ff, got " + mac);
        }
        Cidr.parse(cidr);
        gateway = gateway == null ? Optional.empty() : gateway;
    }

    /** The address without its prefix length. */
    public String ip() {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    /** The host-side port on {@code br-hs-<vni>}. */
    public String hostPort() {
        return "wl-" + name;
    }

    public String hostBridge() {
        return HostBridgeName.of(vni);
    }
}
