package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.frrctl.EvpnRouterMacs;
import io.openpe.testkit.netns.NetnsLab;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A VRF namespace as FRR 8.4.4's zebra leaves it after the reused-address race: the route via the remote VTEP
 * installed, its router-MAC neighbour and FDB entry gone. Real kernel and iproute2; bgpd's answer is given.
 */
@Tag("root")
class RouterMacNeighborsIT {

    private static final String RMAC = "02:64:41:00:00:64";

    @Test
    void aLostRouterMacNeighbourIsPutBackAsZebraWritesItAndBgpdIsAskedOnlyThen() {
        try (NetnsLab lab = NetnsLab.create()) {
            String router = lab.namespace("r");
            String vrf = lab.namespace("r" + NetnsVrfKernel.SEPARATOR + "red");
            lab.ip(vrf, "link", "add", "br-pe-100", "type", "bridge");
            lab.ip(vrf, "link", "set", "br-pe-100", "up");
            lab.ip(vrf, "link", "add", "vni100", "type", "vxlan", "id", "100", "local", "100.65.0.1", "dstport",
                    "4789", "nolearning");
            lab.ip(vrf, "link", "set", "vni100", "master", "br-pe-100", "up");
            lab.ip(vrf, "route", "add", "192.170.1.3/32", "via", "100.65.0.0", "dev", "br-pe-100", "onlink",
                    "proto", "bgp");
            AtomicInteger asked = new AtomicInteger();
            RouterMacNeighbors neighbours = new RouterMacNeighbors(router, () -> {
                asked.incrementAndGet();
                return Optional.of(new EvpnRouterMacs(List.of(
                        new EvpnRouterMacs.Path("100.65.0.0", Optional.of("192.170.1.3/32"), RMAC))));
            });

            List<RouterMacNeighbors.Restored> restored = neighbours.restore();

            assertEquals(List.of(new RouterMacNeighbors.Restored(vrf,
                    new RouterMacNeighbors.NextHop("100.65.0.0", "br-pe-100", "192.170.1.3/32"), RMAC)), restored);
            String neighbour = lab.ip(vrf, "neigh", "show", "100.65.0.0", "dev", "br-pe-100");
            assertTrue(neighbour.contains("lladdr " + RMAC) && neighbour.contains("extern_learn")
                    && neighbour.contains("NOARP"), neighbour);
            String fdb = fdbOf(lab, vrf);
            assertTrue(fdb.contains(RMAC + " dst 100.65.0.0 self extern_learn"), fdb);
            assertEquals(1, asked.get());

            // Put back, nothing is missing: no write, and bgpd is not asked again.
            assertEquals(List.of(), neighbours.restore());
            assertEquals(1, asked.get());
        }
    }

    private static String fdbOf(NetnsLab lab, String namespace) {
        return lab.exec(namespace, "bridge", "fdb", "show", "dev", "vni100").stdout();
    }
}
