package io.openpe.node.linux;

import io.openpe.rules.CommandToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * How the links one namespace loses in a pass are deleted: each is put in the adapter's removal group and the group
 * is deleted by one {@code link del group}, which the kernel tears down together (one
 * {@code unregister_netdevice_many}: the RCU waits of a link deletion are paid once per group, not once per link;
 * 300 bridges took 29.9 s one by one and 6.3 s as a group, at load 42). Pure: it only builds the lines.
 *
 * <p>The kernel deletes every link of the namespace that carries the group, ours or not, so the group delete is sent
 * only when the pass's read shows no link outside the deletions carrying it. Otherwise (a foreign link given the same
 * number, or one of ours left in the group by a pass killed between marking and deleting and wanted again since) the
 * deletions go one by one, and our links are put back in the default group, so the next removal is grouped again.
 * A pass killed after marking leaves stale links in the group: they are still stale, so the next pass deletes them.
 */
record LinkRemoval(long group) {

    /** Above any number given by hand, and at most 2^31 - 1: {@code ip} reads a group as a signed int. */
    static final long FIRST_GROUP = 0x6f00_0000L;
    private static final long GROUPS = 0x0100_0000L;

    LinkRemoval {
        if (group < FIRST_GROUP || group >= FIRST_GROUP + GROUPS) {
            throw new IllegalArgumentException("not a removal group: " + group);
        }
    }

    /**
     * The group an adapter uses in one namespace, from a key naming both (its router namespace, and the side): the
     * router and VRF namespaces have one adapter each; adapters of one node and nodes of one machine share the host
     * side, and each gets its own number there.
     */
    static LinkRemoval of(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return new LinkRemoval(FIRST_GROUP + (crc.getValue() % GROUPS));
    }

    /** A link to delete and the change (object id) the deletion belongs to. */
    record Deletion(String link, String owner) {
    }

    /** One {@code ip -batch} line and the changes it serves: the group delete serves all of them. */
    record Line(String command, List<String> owners) {
    }

    /**
     * @param carrying the namespace's links that carry this group now, as read in this pass
     * @param ours     whether a link is one of this adapter's (may be put back in the default group)
     */
    List<Line> lines(List<Deletion> deletions, Set<String> carrying, Predicate<String> ours) {
        List<Line> lines = new ArrayList<>();
        if (deletions.isEmpty()) {
            return lines;
        }
        Set<String> others = new TreeSet<>(carrying);
        deletions.forEach(d -> others.remove(d.link()));
        if (deletions.size() == 1 || !others.isEmpty()) {
            deletions.forEach(d -> lines.add(new Line("link del " + dev(d.link()), List.of(d.owner()))));
            others.stream().filter(ours)
                    .forEach(link -> lines.add(new Line("link set dev " + dev(link) + " group default", List.of())));
            return lines;
        }
        List<String> owners = new ArrayList<>();
        for (Deletion deletion : deletions) {
            lines.add(new Line("link set dev " + dev(deletion.link()) + " group " + group,
                    List.of(deletion.owner())));
            owners.add(deletion.owner());
        }
        lines.add(new Line("link del group " + group, List.copyOf(owners)));
        return lines;
    }

    private static String dev(String name) {
        return CommandToken.requireInterfaceName(name);
    }
}
