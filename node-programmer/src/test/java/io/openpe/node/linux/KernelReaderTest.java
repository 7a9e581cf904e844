package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.node.kernel.Address;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.KernelObject;
import io.openpe.node.kernel.LinkMaster;
import io.openpe.node.kernel.Loopback;
import io.openpe.node.kernel.Side;
import io.openpe.node.kernel.StrayLink;
import io.openpe.node.kernel.Veth;
import io.openpe.node.kernel.Vxlan;
import io.openpe.node.linux.KernelReader.KindData;
import io.openpe.node.linux.KernelReader.Link;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Turns links into our kernel objects. The links are what {@code ip -d -j addr show} printed after L2VNI 110 was
 * built by hand (plus a foreign bridge {@code eth-foreign} and a bridge misnamed {@code vni7}), copied field by field.
 */
class KernelReaderTest {

    private static final List<Link> ROUTER = List.of(
            new Link("lo", "", true, 65536, "00:00:00:00:00:00", "", "", false, true, "", KindData.NONE,
                    List.of("100.65.0.0/32")),
            new Link("br-pe-110", "bridge", true, 1450, "00:f3:00:00:00:6f", "", "", false, true, "", KindData.NONE,
                    List.of("192.170.1.1/24")),
            new Link("vni110", "vxlan", true, 1450, "0a:28:c9:9f:3c:93", "br-pe-110", "bridge", true, false, "",
                    new KindData(-1, 110, "100.65.0.0", 4789, false), List.of()),
            new Link("pe-110", "veth", true, 1450, "1a:c3:36:5d:5a:a8", "br-pe-110", "bridge", false, true, "",
                    KindData.NONE, List.of()),
            new Link("eth-foreign", "bridge", false, 1500, "7e:0c:dc:10:c7:94", "", "", false, true, "",
                    KindData.NONE, List.of()),
            new Link("vni7", "bridge", false, 1500, "82:2e:e9:bb:a9:55", "", "", false, true, "", KindData.NONE,
                    List.of()));
    private static final List<Link> HOST = List.of(
            new Link("lo", "", false, 65536, "00:00:00:00:00:00", "", "", false, true, "", KindData.NONE, List.of()),
            new Link("host-110", "veth", true, 1450, "7a:ee:9f:1d:d7:6d", "", "", false, true, "", KindData.NONE,
                    List.of()));

    @Test
    void l2vni110ReadsBackAsOurObjectsOnly() {
        List<KernelObject> objects = KernelReader.objectsOf(ROUTER, HOST);

        assertEquals(Set.of(
                new Loopback(true),
                new Address(Side.ROUTER, "lo", "100.65.0.0/32"),
                new Bridge(Side.ROUTER, "br-pe-110", Optional.of("00:f3:00:00:00:6f"), OptionalInt.of(1450), true),
                new Address(Side.ROUTER, "br-pe-110", "192.170.1.1/24"),
                new Vxlan("vni110", 110, "100.65.0.0", 4789, false, 1450, true),
                new LinkMaster(Side.ROUTER, "vni110", "br-pe-110", true),
                new Veth("pe-110", "host-110", 1450, true, true),
                new LinkMaster(Side.ROUTER, "pe-110", "br-pe-110", false),
                new StrayLink(Side.ROUTER, "vni7", "bridge")), Set.copyOf(objects));
        assertEquals(objects.size(), Set.copyOf(objects).size(), "no object read twice");
    }

    @Test
    void aVethEndWithoutItsPeerInTheOtherNamespaceIsStray() {
        List<KernelObject> objects = KernelReader.objectsOf(ROUTER, List.of());
        assertEquals(List.of(new StrayLink(Side.ROUTER, "pe-110", "veth")),
                objects.stream().filter(o -> o.id().contains("pe-110") && !(o instanceof LinkMaster)
                        && !(o instanceof Bridge) && !(o instanceof Address)).toList());
    }
}
