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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Parses {@code ip -d -j addr show} output captured from iproute2 6.1 on this kernel after building L2VNI 110 by
 * hand (plus a foreign bridge {@code eth-foreign} and a bridge misnamed {@code vni7}).
 */
class KernelReaderTest {

    @Test
    void capturedL2vni110ReadsBackAsOurObjectsOnly() throws IOException {
        List<KernelObject> objects = KernelReader.objectsOf(KernelReader.parseLinks(fixture("router")),
                KernelReader.parseLinks(fixture("host")));

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
    void aVethEndWithoutItsPeerInTheOtherNamespaceIsStray() throws IOException {
        List<KernelObject> objects = KernelReader.objectsOf(KernelReader.parseLinks(fixture("router")), List.of());
        assertEquals(List.of(new StrayLink(Side.ROUTER, "pe-110", "veth")),
                objects.stream().filter(o -> o.id().contains("pe-110") && !(o instanceof LinkMaster)
                        && !(o instanceof Bridge) && !(o instanceof Address)).toList());
    }

    private static String fixture(String side) throws IOException {
        try (InputStream in = KernelReaderTest.class.getResourceAsStream(
                "/io/openpe/node/linux/KernelReaderTest." + side + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
