package io.openpe.node.linux;

import io.openpe.node.linux.KernelReader.KindData;
import io.openpe.node.linux.KernelReader.Link;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Decodes the payloads of an {@code RTM_NEWLINK} and an {@code RTM_NEWADDR} dump into {@link Link}s with the values
 * {@code ip -d -j addr show} prints for them: master by name, MAC as lower-case hex pairs, addresses of global scope
 * as {@code address/prefix} in the kernel's order. Pure: no socket, no namespace.
 *
 * <p>Layouts and attribute numbers: {@code linux/rtnetlink.h} ({@code ifinfomsg}, {@code ifaddrmsg}),
 * {@code linux/if_link.h}, {@code linux/if_addr.h}, {@code linux/netlink.h} ({@code nlattr}).
 */
final class LinkDecoder {

    static final int RTM_NEWLINK = 16;
    static final int RTM_NEWADDR = 20;

    private static final int IFINFOMSG = 16;
    private static final int IFADDRMSG = 8;
    private static final int IFF_UP = 0x1;
    private static final int NLA_HEADER = 4;
    private static final int NLA_TYPE_MASK = 0x3fff;

    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_MASTER = 10;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_IFALIAS = 20;
    private static final int IFLA_GROUP = 27;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int IFLA_INFO_SLAVE_KIND = 4;
    private static final int IFLA_INFO_SLAVE_DATA = 5;
    private static final int IFLA_VRF_TABLE = 1;
    private static final int IFLA_VXLAN_ID = 1;
    private static final int IFLA_VXLAN_LOCAL = 4;
    private static final int IFLA_VXLAN_LEARNING = 7;
    private static final int IFLA_VXLAN_PORT = 15;
    private static final int IFLA_VXLAN_LOCAL6 = 17;
    private static final int IFLA_BRPORT_LEARNING = 8;
    private static final int IFLA_BRPORT_NEIGH_SUPPRESS = 32;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int RT_SCOPE_UNIVERSE = 0;

    private static final HexFormat MAC = HexFormat.ofDelimiter(":");

    private LinkDecoder() {
    }

    /** One link as the link dump has it; the master is still an ifindex. */
    private record RawLink(int index, String name, String kind, boolean up, int mtu, String mac, int master,
            String slaveKind, boolean neighSuppress, boolean portLearning, String alias, KindData data, long group) {
    }

    static List<Link> links(List<ByteBuffer> linkMessages, List<ByteBuffer> addressMessages) {
        List<RawLink> raw = new ArrayList<>(linkMessages.size());
        Map<Integer, String> names = new HashMap<>();
        for (ByteBuffer message : linkMessages) {
            RawLink link = link(message);
            raw.add(link);
            names.put(link.index(), link.name());
        }
        Map<Integer, List<String>> addresses = globalAddresses(addressMessages);
        List<Link> links = new ArrayList<>(raw.size());
        for (RawLink link : raw) {
            links.add(new Link(link.name(), link.kind(), link.up(), link.mtu(), link.mac(),
                    link.master() == 0 ? "" : names.getOrDefault(link.master(), ""), link.slaveKind(),
                    link.neighSuppress(), link.portLearning(), link.alias(), link.data(),
                    List.copyOf(addresses.getOrDefault(link.index(), List.of())), link.group()));
        }
        return links;
    }

    private static RawLink link(ByteBuffer message) {
        require(message, 0, IFINFOMSG, "ifinfomsg");
        int index = message.getInt(4);
        boolean up = (message.getInt(8) & IFF_UP) != 0;
        Attributes link = Attributes.of(message, IFINFOMSG, message.limit(), IFLA_GROUP);
        String kind = "";
        String slaveKind = "";
        KindData data = KindData.NONE;
        boolean neighSuppress = false;
        boolean portLearning = true;
        if (link.has(IFLA_LINKINFO)) {
            Attributes info = link.nested(IFLA_LINKINFO, IFLA_INFO_SLAVE_DATA);
            kind = info.string(IFLA_INFO_KIND, "");
            slaveKind = info.string(IFLA_INFO_SLAVE_KIND, "");
            if (info.has(IFLA_INFO_DATA)) {
                data = kindData(kind, info);
            }
            if ("bridge".equals(slaveKind) && info.has(IFLA_INFO_SLAVE_DATA)) {
                Attributes port = info.nested(IFLA_INFO_SLAVE_DATA, IFLA_BRPORT_NEIGH_SUPPRESS);
                neighSuppress = port.flag(IFLA_BRPORT_NEIGH_SUPPRESS, false);
                portLearning = port.flag(IFLA_BRPORT_LEARNING, true);
            }
        }
        return new RawLink(index, link.string(IFLA_IFNAME, ""), kind, up, link.u32(IFLA_MTU, 0),
                link.has(IFLA_ADDRESS) ? MAC.formatHex(link.bytes(IFLA_ADDRESS)) : "",
                link.u32(IFLA_MASTER, 0), slaveKind, neighSuppress, portLearning, link.string(IFLA_IFALIAS, ""), data,
                Integer.toUnsignedLong(link.u32(IFLA_GROUP, 0)));
    }

    private static KindData kindData(String kind, Attributes info) {
        KindData none = KindData.NONE;
        return switch (kind) {
            case "vrf" -> {
                Attributes vrf = info.nested(IFLA_INFO_DATA, IFLA_VRF_TABLE);
                yield new KindData(vrf.has(IFLA_VRF_TABLE) ? Integer.toUnsignedLong(vrf.u32(IFLA_VRF_TABLE, 0))
                        : none.vrfTable(), none.vxlanId(), none.vxlanLocal(), none.vxlanPort(), none.vxlanLearning());
            }
            case "vxlan" -> {
                Attributes vxlan = info.nested(IFLA_INFO_DATA, IFLA_VXLAN_LOCAL6);
                String local = vxlan.has(IFLA_VXLAN_LOCAL) ? InetText.of(vxlan.bytes(IFLA_VXLAN_LOCAL))
                        : vxlan.has(IFLA_VXLAN_LOCAL6) ? InetText.of(vxlan.bytes(IFLA_VXLAN_LOCAL6))
                        : none.vxlanLocal();
                yield new KindData(none.vrfTable(), Integer.toUnsignedLong(vxlan.u32(IFLA_VXLAN_ID, 0)), local,
                        vxlan.be16(IFLA_VXLAN_PORT, none.vxlanPort()),
                        vxlan.flag(IFLA_VXLAN_LEARNING, none.vxlanLearning()));
            }
            default -> none;
        };
    }

    /** Per ifindex, the addresses of global scope: IFA_LOCAL, or IFA_ADDRESS where there is no IFA_LOCAL (IPv6). */
    private static Map<Integer, List<String>> globalAddresses(List<ByteBuffer> messages) {
        Map<Integer, List<String>> byIndex = new HashMap<>();
        for (ByteBuffer message : messages) {
            require(message, 0, IFADDRMSG, "ifaddrmsg");
            int prefixLength = Byte.toUnsignedInt(message.get(1));
            int scope = Byte.toUnsignedInt(message.get(3));
            int index = message.getInt(4);
            // Link-local and host-scope addresses are the kernel's own, never ours.
            if (scope != RT_SCOPE_UNIVERSE) {
                continue;
            }
            Attributes address = Attributes.of(message, IFADDRMSG, message.limit(), IFA_LOCAL);
            int shown = address.has(IFA_LOCAL) ? IFA_LOCAL : IFA_ADDRESS;
            if (address.has(shown)) {
                byIndex.computeIfAbsent(index, i -> new ArrayList<>())
                        .add(InetText.of(address.bytes(shown)) + "/" + prefixLength);
            }
        }
        return byIndex;
    }

    /**
     * Where the values of the {@code nlattr}s in a range of a message are, by type, for the types up to a maximum
     * (the others are skipped): a link message has some fifty attributes and we read a handful, so nothing is
     * copied or allocated per attribute.
     */
    private record Attributes(ByteBuffer buffer, int[] offsets, int[] lengths) {

        static Attributes of(ByteBuffer buffer, int from, int to, int maxType) {
            int[] offsets = new int[maxType + 1];
            int[] lengths = new int[maxType + 1];
            Arrays.fill(offsets, -1);
            int position = from;
            while (position + NLA_HEADER <= to) {
                int length = Short.toUnsignedInt(buffer.getShort(position));
                int type = Short.toUnsignedInt(buffer.getShort(position + 2)) & NLA_TYPE_MASK;
                if (length < NLA_HEADER || position + length > to) {
                    throw new IllegalArgumentException("malformed netlink attribute: length " + length + " at "
                            + position + " of " + to);
                }
                if (type <= maxType) {
                    offsets[type] = position + NLA_HEADER;
                    lengths[type] = length - NLA_HEADER;
                }
                position += (length + 3) & ~3;
            }
            return new Attributes(buffer, offsets, lengths);
        }

        boolean has(int type) {
            return offsets[type] >= 0;
        }

        Attributes nested(int type, int maxType) {
            return of(buffer, offsets[type], offsets[type] + lengths[type], maxType);
        }

        int u32(int type, int absent) {
            return has(type) && lengths[type] >= 4 ? buffer.getInt(offsets[type]) : absent;
        }

        /** A {@code __be16}: network byte order whatever the host's. */
        int be16(int type, int absent) {
            if (!has(type) || lengths[type] < 2) {
                return absent;
            }
            int at = offsets[type];
            return Byte.toUnsignedInt(buffer.get(at)) << 8 | Byte.toUnsignedInt(buffer.get(at + 1));
        }

        boolean flag(int type, boolean absent) {
            return has(type) && lengths[type] >= 1 ? buffer.get(offsets[type]) != 0 : absent;
        }

        byte[] bytes(int type) {
            byte[] bytes = new byte[lengths[type]];
            buffer.get(offsets[type], bytes);
            return bytes;
        }

        /** A NUL-terminated C string (the terminator is optional at the end of the value). */
        String string(int type, String absent) {
            if (!has(type)) {
                return absent;
            }
            int end = 0;
            while (end < lengths[type] && buffer.get(offsets[type] + end) != 0) {
                end++;
            }
            byte[] bytes = new byte[end];
            buffer.get(offsets[type], bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void require(ByteBuffer buffer, int offset, int size, String what) {
        if (buffer.limit() < offset + size) {
            throw new IllegalArgumentException("truncated " + what + ": " + buffer.limit() + " bytes");
        }
    }
}
