package io.openpe.node.linux;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.KernelState;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.Loopback;
import io.openpe.node.kernel.NicPlacement;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.StrayLink;
import io.openpe.node.kernel.Sysctl;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vrf;
import io.openpe.node.kernel.Vxlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the kernel objects we own from both namespaces: per namespace an rtnetlink link dump and address dump (links
 * with their details, bridge-port flags and addresses, no process started), and the managed sysctls from
 * {@code /proc/sys} inside the router namespace. Links whose names do not follow our scheme are listed by name only
 * and never become objects.
 */
final class KernelReader {

    private KernelReader() {
    }

    /**
     * A link with the fields we use, valued as {@code ip -d -j addr show} prints them; {@code group} is the link
     * group, 0 ("default") unless someone set one ({@link LinkRemoval} does, for an instant).
     */
    record Link(String name, String kind, boolean up, int mtu, String mac, String master, String slaveKind,
            boolean neighSuppress, boolean portLearning, String alias, KindData data, List<String> addresses,
            long group) {

        Link(String name, String kind, boolean up, int mtu, String mac, String master, String slaveKind,
                boolean neighSuppress, boolean portLearning, String alias, KindData data, List<String> addresses) {
            this(name, kind, up, mtu, mac, master, slaveKind, neighSuppress, portLearning, alias, data, addresses, 0);
        }
    }

    /**
     * The kind-specific data we read ({@code IFLA_INFO_DATA}); a value the link does not report is: table -1, VNI 0,
     * local "", port 0, learning on (the kernel's default).
     */
    record KindData(long vrfTable, long vxlanId, String vxlanLocal, int vxlanPort, boolean vxlanLearning) {
        static final KindData NONE = new KindData(-1, 0, "", 0, true);
    }

    /** The two namespaces are read side by side: they are independent and each waits mostly on the kernel. */
    static KernelState read(Namespaces namespaces, List<String> sysctlKeys) {
        return read(namespaces, sysctlKeys, name -> true, Optional.empty());
    }

    /**
     * As {@link #read(Namespaces, List)}, with only the host links {@code hostLinkVisible} accepts, taken from
     * {@code hostRead} when given (one host read shared by several adapters) instead of a dump.
     */
    static KernelState read(Namespaces namespaces, List<String> sysctlKeys,
            java.util.function.Predicate<String> hostLinkVisible, Optional<List<Link>> hostRead) {
        CompletableFuture<List<Link>> host = CompletableFuture.supplyAsync(
                () -> hostRead.orElseGet(() -> links(Netns.of(namespaces, Side.HOST))));
        Netns router = Netns.of(namespaces, Side.ROUTER);
        List<Sysctl> sysctls = sysctls(router, sysctlKeys);
        List<Link> routerLinks = links(router);
        List<Link> allHostLinks;
        try {
            allHostLinks = host.join();
        } catch (CompletionException e) {
            // The host read's own exception already names the namespace and the request.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<Link> hostLinks = allHostLinks.stream().filter(link -> hostLinkVisible.test(link.name())).toList();
        List<KernelObject> objects = new ArrayList<>(sysctls);
        objects.addAll(objectsOf(routerLinks, hostLinks));
        // Groups of every link, seen or not: a group delete takes whatever carries the group in the namespace.
        return new KernelState(objects, addressesByLink(routerLinks), addressesByLink(hostLinks),
                groupsOf(routerLinks), groupsOf(allHostLinks));
    }

    /** The links that carry a group other than the default one, with it. */
    private static Map<String, Long> groupsOf(List<Link> links) {
        Map<String, Long> groups = new HashMap<>();
        links.stream().filter(link -> link.group() != 0).forEach(link -> groups.put(link.name(), link.group()));
        return groups;
    }

    static List<KernelObject> objectsOf(List<Link> routerLinks, List<Link> hostLinks) {
        List<KernelObject> objects = new ArrayList<>();
        Map<String, Link> hostVethEnds = new HashMap<>();
        for (Link link : hostLinks) {
            if (Veth.isOurs(Side.HOST, link.name()) && "veth".equals(link.kind())) {
                hostVethEnds.put(link.name(), link);
            }
        }
        Set<String> pairedHostEnds = new HashSet<>();
        for (Link link : routerLinks) {
            Optional<KernelObject> object = routerObject(link, hostVethEnds);
            object.ifPresent(objects::add);
            if (object.orElse(null) instanceof Veth veth) {
                pairedHostEnds.add(veth.hostName());
            }
            // A moved NIC's addresses and master are the operator's underlay configuration, not ours.
            if ((object.isPresent() && !(object.get() instanceof NicPlacement)) || Loopback.NAME.equals(link.name())) {
                objects.addAll(attachments(Side.ROUTER, link, Loopback.NAME.equals(link.name())));
            }
        }
        for (Link link : hostLinks) {
            Optional<KernelObject> object = hostObject(link, pairedHostEnds);
            object.ifPresent(objects::add);
            if (object.isPresent() || pairedHostEnds.contains(link.name())) {
                objects.addAll(attachments(Side.HOST, link, false));
            }
        }
        return objects;
    }

    private static Optional<KernelObject> routerObject(Link link, Map<String, Link> hostVethEnds) {
        String name = link.name();
        if (Loopback.NAME.equals(name)) {
            return Optional.of(new Loopback(link.up()));
        }
        if (NicPlacement.ALIAS.equals(link.alias())) {
            return Optional.of(new NicPlacement(name, link.up(), link.alias()));
        }
        if ("vrf".equals(link.kind())) {
            long table = link.data().vrfTable();
            return Vrf.vniOf(table).isPresent() ? Optional.of(new Vrf(name, table, link.up())) : Optional.empty();
        }
        if (Bridge.isOurs(Side.ROUTER, name)) {
            return Optional.of("bridge".equals(link.kind()) ? bridge(Side.ROUTER, link) : stray(Side.ROUTER, link));
        }
        if (Vxlan.vniOf(name).isPresent()) {
            if (!"vxlan".equals(link.kind())) {
                return Optional.of(stray(Side.ROUTER, link));
            }
            KindData data = link.data();
            return Optional.of(new Vxlan(name, data.vxlanId(), data.vxlanLocal(), data.vxlanPort(),
                    data.vxlanLearning(), link.mtu(), link.up()));
        }
        if (Veth.isOurs(Side.ROUTER, name)) {
            Optional<Link> peer = Veth.vniOf(name).stream()
                    .mapToObj(vni -> hostVethEnds.get(Veth.hostNameFor(vni))).filter(l -> l != null).findFirst();
            if (!"veth".equals(link.kind()) || peer.isEmpty()) {
                return Optional.of(stray(Side.ROUTER, link));
            }
            Link host = peer.get();
            // Ends with different MTUs are one veth in a state no desired value has: -1 forces a modification.
            int mtu = link.mtu() == host.mtu() ? link.mtu() : -1;
            return Optional.of(new Veth(name, host.name(), mtu, link.up(), host.up()));
        }
        return Optional.empty();
    }

    private static Optional<KernelObject> hostObject(Link link, Set<String> pairedHostEnds) {
        String name = link.name();
        if (Bridge.isOurs(Side.HOST, name)) {
            return Optional.of("bridge".equals(link.kind()) ? bridge(Side.HOST, link) : stray(Side.HOST, link));
        }
        if (Veth.isOurs(Side.HOST, name) && !pairedHostEnds.contains(name)) {
            return Optional.of(stray(Side.HOST, link));
        }
        return Optional.empty();
    }

    private static Bridge bridge(Side side, Link link) {
        return new Bridge(side, link.name(), Optional.of(link.mac()), OptionalInt.of(link.mtu()), link.up());
    }

    private static StrayLink stray(Side side, Link link) {
        return new StrayLink(side, link.name(), link.kind());
    }

    /** The master assignment and addresses of one of our links. On lo only the VTEP-like addresses are ours. */
    private static List<KernelObject> attachments(Side side, Link link, boolean loopback) {
        List<KernelObject> objects = new ArrayList<>();
        if (!link.master().isEmpty()) {
            boolean evpnPort = "bridge".equals(link.slaveKind()) && link.neighSuppress() && !link.portLearning();
            objects.add(new LinkMaster(side, link.name(), link.master(), evpnPort));
        }
        for (String cidr : link.addresses()) {
            if (loopback && (cidr.startsWith("127.") || cidr.equals("::1/128"))) {
                continue;
            }
            objects.add(new Address(side, link.name(), cidr));
        }
        return objects;
    }

    static List<Link> links(Netns netns) {
        try (NetlinkSocket socket = NetlinkSocket.openIn(netns)) {
            return LinkDecoder.links(socket.dump(NetlinkSocket.LINKS, LinkDecoder.RTM_NEWLINK),
                    socket.dump(NetlinkSocket.ADDRESSES, LinkDecoder.RTM_NEWADDR));
        }
    }

    /**
     * The values of the keys that exist, read from {@code /proc/sys} by a thread inside the namespace: the kernel
     * serves {@code /proc/sys/net} for the reading thread's network namespace. Keys are written as for
     * {@code sysctl}: dots separate levels, a slash stands for a dot inside a level (a VLAN device's name).
     */
    static List<Sysctl> sysctls(Netns netns, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return netns.inside(() -> {
            List<Sysctl> sysctls = new ArrayList<>();
            for (String key : keys) {
                // One read from position 0: the kernel answers a read at a later position of a number with EOF, so
                // Files.readString (one byte first, since /proc files have size 0) would see only the first digit.
                try (InputStream in = Files.newInputStream(procSysFile(key))) {
                    byte[] value = new byte[4096];
                    int length = Math.max(0, in.read(value));
                    sysctls.add(new Sysctl(key, new String(value, 0, length, StandardCharsets.UTF_8).strip()));
                } catch (NoSuchFileException e) {
                    // A key this kernel does not have is not there, as with sysctl -e.
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read sysctl " + key + " in namespace " + netns, e);
                }
            }
            return sysctls;
        });
    }

    static Path procSysFile(String key) {
        StringBuilder path = new StringBuilder("/proc/sys/");
        for (char c : key.toCharArray()) {
            path.append(c == '.' ? '/' : c == '/' ? '.' : c);
        }
        return Path.of(path.toString());
    }

    private static Map<String, List<String>> addressesByLink(List<Link> links) {
        Map<String, List<String>> byLink = new HashMap<>();
        links.forEach(link -> byLink.put(link.name(), link.addresses()));
        return byLink;
    }
}
