package io.openpe.node.linux;

import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelChange;
import io.openpe.node.kernel.KernelChange.Create;
import io.openpe.node.kernel.KernelChange.Delete;
import io.openpe.node.kernel.KernelChange.Modify;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.Loopback;
import io.openpe.node.kernel.NicPlacement;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.StrayLink;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vrf;
import io.openpe.node.kernel.Vxlan;
import io.openpe.rules.CommandToken;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates one {@link KernelChange} into {@code ip -batch} commands (iproute2 6.1 syntax, ip-link(8), ip-address(8)).
 * Sysctls are not {@code ip} commands and give none.
 *
 * <p>Every value put into a line passes {@link CommandToken} first, interface names its 15-character rule too: this
 * process runs as root and {@code ip -batch} runs {@code netns exec} lines, so a value that could end a line or split
 * an argument is refused here even if a plan's validation were bypassed ({@link IllegalArgumentException}, before any
 * line of the pass runs).
 */
final class BatchLines {

    private static final String LINK_DEL = "link del ";

    private final String routerRef;
    private final String hostRef;

    /** @param routerRef, hostRef how {@code netns} arguments name the router and host namespaces */
    BatchLines(String routerRef, String hostRef) {
        this.routerRef = arg(routerRef);
        this.hostRef = arg(hostRef);
    }

    List<BatchLine> of(KernelChange change) {
        return switch (change) {
            case Create c -> create(c.desired());
            case Modify m -> modify(m.actual(), m.desired());
            case Delete d -> delete(d.actual());
        };
    }

    private List<BatchLine> create(KernelObject object) {
        return switch (object) {
            case Sysctl s -> List.of();
            case Loopback l -> router("link set dev lo up");
            case NicPlacement n -> List.of(
                    // Set the mark before the move: the NIC is recognisable as ours from then on.
                    new BatchLine(Phase.HOST_FIRST, "link set dev " + dev(n.name()) + " alias " + arg(n.alias())),
                    new BatchLine(Phase.HOST_FIRST, "link set dev " + dev(n.name()) + " netns " + routerRef),
                    new BatchLine(Phase.ROUTER, "link set dev " + dev(n.name()) + " up"));
            case Vrf v -> List.of(new BatchLine(Phase.VRF,
                    "link add " + dev(v.name()) + " up type vrf table " + v.table()));
            case Bridge b -> on(b.side(), "link add " + dev(b.name())
                    + b.mac().map(m -> " address " + arg(m)).orElse("")
                    + (b.mtu().isPresent() ? " mtu " + b.mtu().getAsInt() : "") + " up type bridge");
            case Vxlan v -> router("link add " + dev(v.name()) + " mtu " + v.mtu() + " up type vxlan id " + v.vni()
                    + " local " + arg(v.local()) + " dstport " + v.dstPort()
                    + (v.learning() ? " learning" : " nolearning"));
            case Veth v -> List.of(
                    new BatchLine(Phase.ROUTER, "link add " + dev(v.routerName()) + " mtu " + v.mtu() + " up type veth"
                            + " peer name " + dev(v.hostName()) + " mtu " + v.mtu() + " netns " + hostRef),
                    // The peer is created down; raising it belongs to its own namespace.
                    new BatchLine(Phase.HOST_LAST, "link set dev " + dev(v.hostName()) + " up"));
            case LinkMaster m -> master(m, true, true);
            case Address a -> on(a.side(), "addr add " + arg(a.cidr()) + " dev " + dev(a.link()));
            case StrayLink s -> throw new IllegalArgumentException("a stray link is never desired: " + s);
        };
    }

    private List<BatchLine> modify(KernelObject actual, KernelObject desired) {
        return switch (desired) {
            case Loopback l -> router("link set dev lo up");
            case NicPlacement n -> router("link set dev " + dev(n.name()) + " alias " + arg(n.alias()) + " up");
            case Vrf v -> router("link set dev " + dev(v.name()) + " up");
            case Bridge b -> on(b.side(), "link set dev " + dev(b.name())
                    + b.mac().map(m -> " address " + arg(m)).orElse("")
                    + (b.mtu().isPresent() ? " mtu " + b.mtu().getAsInt() : "") + " up");
            case Vxlan v -> router("link set dev " + dev(v.name()) + " mtu " + v.mtu() + " up");
            case Veth v -> List.of(
                    new BatchLine(Phase.ROUTER, "link set dev " + dev(v.routerName()) + " mtu " + v.mtu() + " up"),
                    new BatchLine(Phase.HOST_LAST, "link set dev " + dev(v.hostName()) + " mtu " + v.mtu() + " up"));
            case LinkMaster m -> {
                LinkMaster was = (LinkMaster) actual;
                yield master(m, !was.master().equals(m.master()), was.evpnPort() != m.evpnPort());
            }
            case Sysctl s -> List.of();
            case Address a -> throw new IllegalArgumentException("an address has no attributes to modify: " + a);
            case StrayLink s -> throw new IllegalArgumentException("a stray link is never desired: " + s);
        };
    }

    private List<BatchLine> delete(KernelObject object) {
        return switch (object) {
            case Sysctl s -> List.of();
            case Loopback l -> List.of();
            case NicPlacement n -> List.of(
                    new BatchLine(Phase.ROUTER, "link set dev " + dev(n.name()) + " alias \"\""),
                    new BatchLine(Phase.ROUTER, "link set dev " + dev(n.name()) + " netns " + hostRef));
            case Vrf v -> removal(Side.ROUTER, v.name());
            case Bridge b -> removal(b.side(), b.name());
            case Vxlan v -> removal(Side.ROUTER, v.name());
            // Deleting one end deletes the pair.
            case Veth v -> removal(Side.ROUTER, v.routerName());
            case LinkMaster m -> on(m.side(), "link set dev " + dev(m.link()) + " nomaster");
            case Address a -> on(a.side(), "addr del " + arg(a.cidr()) + " dev " + dev(a.link()));
            // Removed before the router creates a pair that would reuse the name.
            case StrayLink s -> removal(s.side(), s.name());
        };
    }

    /** The name of the link a removal-phase line deletes. */
    static String deletedLink(BatchLine line) {
        if (!line.phase().removal() || !line.command().startsWith(LINK_DEL)) {
            throw new IllegalArgumentException("not a link deletion: " + line);
        }
        return line.command().substring(LINK_DEL.length());
    }

    private List<BatchLine> removal(Side side, String link) {
        return List.of(new BatchLine(side == Side.ROUTER ? Phase.REMOVE_ROUTER : Phase.REMOVE_HOST,
                LINK_DEL + dev(link)));
    }

    private List<BatchLine> master(LinkMaster m, boolean setMaster, boolean setPortFlags) {
        List<BatchLine> lines = new ArrayList<>();
        if (setMaster) {
            lines.addAll(on(m.side(), "link set dev " + dev(m.link()) + " master " + dev(m.master())));
        }
        if (setPortFlags && (m.evpnPort() || !setMaster)) {
            lines.addAll(on(m.side(), "link set dev " + dev(m.link()) + " type bridge_slave neigh_suppress "
                    + (m.evpnPort() ? "on learning off" : "off learning on")));
        }
        return lines;
    }

    private static String dev(String name) {
        return CommandToken.requireInterfaceName(name);
    }

    private static String arg(String value) {
        return CommandToken.requireSafe(value);
    }

    private static List<BatchLine> router(String command) {
        return List.of(new BatchLine(Phase.ROUTER, command));
    }

    private static List<BatchLine> on(Side side, String command) {
        return List.of(new BatchLine(side == Side.ROUTER ? Phase.ROUTER : Phase.HOST_LAST, command));
    }
}
