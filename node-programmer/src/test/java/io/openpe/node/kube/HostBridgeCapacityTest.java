package io.openpe.node.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openpe.node.desired.NodePlan.SourceRef;
import io.openpe.node.desired.ObjectResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HostBridgeCapacityTest {

    private static final Optional<SourceRef> L2 = Optional.of(new SourceRef("L2VNI", "ns", "layer2"));

    @Test
    void onlyHostBridgesLeftInPlaceCount() {
        List<ObjectResult> results = List.of(
                ObjectResult.applied("bridge br-hs-110", L2),
                ObjectResult.applied("bridge br-pe-110", L2),
                ObjectResult.failed("bridge br-hs-120", L2, "no space"),
                // A stale host bridge that was deleted carries no source.
                ObjectResult.applied("bridge br-hs-130", Optional.empty()),
                ObjectResult.applied("veth host-110", L2));
        assertEquals(new TreeSet<>(List.of("br-hs-110")), HostBridgeCapacity.hostBridgesOf(results));
    }

    @Test
    void addsOursInBridgeMarkersSpellingDropsOursThatAreGoneAndKeepsTheRest() {
        Map<String, String> current = Map.of(
                "cpu", "4",
                "bridge.network.kubevirt.io/br0", "1k",
                "bridge.network.kubevirt.io/br-hs-130", "1k");
        assertEquals(Map.of(
                "cpu", "4",
                "bridge.network.kubevirt.io/br0", "1k",
                "bridge.network.kubevirt.io/br-hs-110", "1k",
                "bridge.network.kubevirt.io/br-hs-120", "1k"),
                HostBridgeCapacity.capacityWith(current, new TreeSet<>(List.of("br-hs-110", "br-hs-120"))));
    }
}
