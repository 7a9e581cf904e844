package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.linux.LinkRemoval.Deletion;
import io.openpe.node.linux.LinkRemoval.Line;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which lines delete which stale set; the commands were run by hand against iproute2 6.1 first. */
class LinkRemovalTest {

    private final LinkRemoval removal = new LinkRemoval(LinkRemoval.FIRST_GROUP + 5);
    private final long group = LinkRemoval.FIRST_GROUP + 5;
    private final List<Deletion> stale = List.of(new Deletion("br-pe-110", "bridge br-pe-110"),
            new Deletion("vni110", "vxlan vni110"), new Deletion("pe-110", "veth pe-110"));

    @Test
    void nothingStaleMeansNoLine() {
        assertEquals(List.of(), removal.lines(List.of(), Set.of("br-pe-9"), link -> true));
    }

    @Test
    void oneLinkIsDeletedByName() {
        assertEquals(List.of(new Line("link del br-pe-110", List.of("bridge br-pe-110"))),
                removal.lines(stale.subList(0, 1), Set.of(), link -> true));
    }

    @Test
    void severalLinksAreMarkedAndDeletedAsOneGroup() {
        assertEquals(List.of(
                new Line("link set dev br-pe-110 group " + group, List.of("bridge br-pe-110")),
                new Line("link set dev vni110 group " + group, List.of("vxlan vni110")),
                new Line("link set dev pe-110 group " + group, List.of("veth pe-110")),
                new Line("link del group " + group, List.of("bridge br-pe-110", "vxlan vni110", "veth pe-110"))),
                removal.lines(stale, Set.of(), link -> true));
    }

    /** A pass killed between marking and deleting: the marked links are still stale, so the group is theirs. */
    @Test
    void linksLeftInTheGroupByAnInterruptedPassAreDeletedWithIt() {
        List<Line> lines = removal.lines(stale, Set.of("br-pe-110", "vni110"), link -> true);
        assertEquals(new Line("link del group " + group,
                List.of("bridge br-pe-110", "vxlan vni110", "veth pe-110")), lines.getLast());
        assertEquals(4, lines.size());
    }

    /** The kernel would delete every link carrying the group: with another one there, each goes by name. */
    @Test
    void aForeignLinkInTheGroupIsNeverTouchedAndTheDeletionsGoOneByOne() {
        assertEquals(List.of(new Line("link del br-pe-110", List.of("bridge br-pe-110")),
                new Line("link del vni110", List.of("vxlan vni110")),
                new Line("link del pe-110", List.of("veth pe-110"))),
                removal.lines(stale, Set.of("eth-operator"), link -> false));
    }

    /** One of ours, left in the group and wanted again since: put back in the default group for the next removal. */
    @Test
    void ourKeptLinkInTheGroupIsPutBack() {
        List<Line> lines = removal.lines(stale, Set.of("br-pe-120", "eth-operator"), "br-pe-120"::equals);
        assertEquals(List.of(new Line("link del br-pe-110", List.of("bridge br-pe-110")),
                new Line("link del vni110", List.of("vxlan vni110")),
                new Line("link del pe-110", List.of("veth pe-110")),
                new Line("link set dev br-pe-120 group default", List.of())), lines);
    }

    @Test
    void groupsAreFixedPerKeyAndInTheirRange() {
        LinkRemoval router = LinkRemoval.of("perouter");
        assertEquals(router, LinkRemoval.of("perouter"));
        assertNotEquals(router, LinkRemoval.of("perouter host"));
        assertNotEquals(router, LinkRemoval.of("perouter-vrf-red"));
        for (String key : List.of("", "perouter", "perouter host", "perouter-vrf-red", "x".repeat(200))) {
            long g = LinkRemoval.of(key).group();
            assertTrue(g >= LinkRemoval.FIRST_GROUP && g <= Integer.MAX_VALUE, key + " -> " + g);
        }
        assertThrows(IllegalArgumentException.class, () -> new LinkRemoval(0));
        assertThrows(IllegalArgumentException.class, () -> new LinkRemoval(1L << 31));
    }

    @Test
    void aHostileLinkNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> removal.lines(List.of(new Deletion("a\nreboot", "x"),
                new Deletion("b", "y")), Set.of(), link -> true));
    }
}
