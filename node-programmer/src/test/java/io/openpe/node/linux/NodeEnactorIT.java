package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.node.desired.Namespaces;
import io.openpe.node.desired.ObjectResult;
import io.openpe.node.desired.SeedPlans;
import io.openpe.node.frrctl.FrrControl;
import io.openpe.node.frrctl.FrrTools;
import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.NetnsLab;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A plan applied to a lab node with a real FRR in its router namespace. */
@Tag("root")
class NodeEnactorIT {

    @Test
    void applyingTheSamePlanTwiceMakesNoKernelWriteAndNoReload() {
        FrrInstance.requireInstalled();
        try (NetnsLab lab = NetnsLab.create()) {
            String router = lab.namespace("r");
            String host = lab.namespace("h");
            lab.veth(host, "toswitch", lab.namespace("f"), "tonode");
            try (FrrInstance frr = FrrInstance.start(router, "frr defaults datacenter\n!\n")) {
                NodeEnactor enactor = new NodeEnactor(Namespaces.of(router, host), Optional.of(
                        new FrrControl(FrrTools.in(router, frr.vtySocketDir(), frr.dir()))));

                Enactment first = enactor.apply(SeedPlans.l2Only(List.of("toswitch")));
                assertEquals(List.of(), first.results().stream().filter(ObjectResult::failed).toList());
                assertTrue(first.frrReloaded());
                assertTrue(first.kernelWrites() > 0);
                // zebra sees the VXLAN device under the EVPN instance FRR was given first.
                assertTrue(frr.vtysh("show evpn vni 110").orThrow().stdout().contains("vni110"),
                        frr.vtysh("show evpn vni").stdout());

                Enactment second = enactor.apply(SeedPlans.l2Only(List.of("toswitch")));
                assertFalse(second.frrReloaded());
                assertEquals(0, second.kernelWrites());
                assertFalse(second.failed());

                Enactment removal = enactor.apply(SeedPlans.empty());
                assertTrue(removal.frrReloaded());
                assertFalse(removal.failed(), removal.results().toString());
                assertFalse(frr.runningConfig().contains("router bgp"), frr.runningConfig());
                assertFalse(lab.ip(router, "-br", "link").contains("vni110"));
            }
        }
    }
}
