package io.openpe.node.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the kernel objects we own from both namespaces: one {@code ip -d -j addr show} per namespace (links with
 * their details, bridge-port flags and addresses in one dump) and one {@code sysctl} for the managed keys. Links whose
 * names do not follow our scheme are listed by name only and never become objects.
 */
final class KernelReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KernelReader() {
    }

    /** A link as {@code ip -d -j addr show} prints it, with the fields we use. */
    record Link(String name, String kind, boolean up, int mtu, String mac, String master, String slaveKind,
            boolean neighSuppress, boolean portLearning, String alias, JsonNode data, List<String> addresses) {
    }

    /** The three dumps run side by side: they are independent and each waits mostly on the kernel. */
    static KernelState read(Namespaces namespaces, List<String> sysctlKeys) {
        CompletableFuture<List<Link>> host = CompletableFuture.supplyAsync(
                () -> links(Netns.of(namespaces, Side.HOST)));
        CompletableFuture<List<Sysctl>> sysctls = CompletableFuture.supplyAsync(
                () -> sysctls(Netns.of(namespaces, Side.ROUTER), sysctlKeys));
        List<Link> routerLinks = links(Netns.of(namespaces, Side.ROUTER));
        List<Link> hostLinks = host.join();
        List<KernelObject> objects = new ArrayList<>(sysctls.join());
        objects.addAll(objectsOf(routerLinks, hostLinks));
        return new KernelState(objects, addressesByLink(routerLinks), addressesByLink(hostLinks));
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
            long table = link.data().path("table").asLong(-1);
            return Vrf.vniOf(table).isPresent() ? Optional.of(new Vrf(name, table, link.up())) : Optional.empty();
        }
        if (Bridge.isOurs(Side.ROUTER, name)) {
            return Optional.of("bridge".equals(link.kind()) ? bridge(Side.ROUTER, link) : stray(Side.ROUTER, link));
        }
        if (Vxlan.vniOf(name).isPresent()) {
            if (!"vxlan".equals(link.kind())) {
                return Optional.of(stray(Side.ROUTER, link));
            }
            JsonNode data = link.data();
            return Optional.of(new Vxlan(name, data.path("id").asLong(), data.path("local").asText(""),
                    data.path("port").asInt(), data.path("learning").asBoolean(true), link.mtu(), link.up()));
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
        String json = Command.of(netns.ip("-d", "-j", "addr", "show")).runOrThrow().stdout();
        return parseLinks(json);
    }

    static List<Link> parseLinks(String json) {
        try {
            List<Link> links = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                links.add(parseLink(node));
            }
            return links;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable ip -j output", e);
        }
    }

    private static Link parseLink(JsonNode node) {
        JsonNode info = node.path("linkinfo");
        JsonNode slave = info.path("info_slave_data");
        boolean up = false;
        for (JsonNode flag : node.path("flags")) {
            up |= "UP".equals(flag.asText());
        }
        List<String> addresses = new ArrayList<>();
        for (JsonNode address : node.path("addr_info")) {
            // Link-local and host-scope addresses are the kernel's own, never ours.
            String scope = address.path("scope").asText();
            if ("global".equals(scope)) {
                addresses.add(address.path("local").asText() + "/" + address.path("prefixlen").asInt());
            }
        }
        return new Link(node.path("ifname").asText(), info.path("info_kind").asText(""), up,
                node.path("mtu").asInt(), node.path("address").asText(""), node.path("master").asText(""),
                info.path("info_slave_kind").asText(""), slave.path("neigh_suppress").asBoolean(false),
                slave.path("learning").asBoolean(true), node.path("ifalias").asText(""), info.path("info_data"),
                addresses);
    }

    static List<Sysctl> sysctls(Netns netns, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> program = new ArrayList<>(List.of("sysctl", "-e"));
        program.addAll(keys);
        String out = Command.of(netns.exec(program)).run().stdout();
        List<Sysctl> sysctls = new ArrayList<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                sysctls.add(new Sysctl(line.substring(0, eq).strip(), line.substring(eq + 3).strip()));
            }
        }
        return sysctls;
    }

    private static Map<String, List<String>> addressesByLink(List<Link> links) {
        Map<String, List<String>> byLink = new HashMap<>();
        links.forEach(link -> byLink.put(link.name(), link.addresses()));
        return byLink;
    }
}
