package io.openpe.node.kube;

import io.openpe.node.desired.ObjectResult;
import io.openpe.node.kernel.Bridge;
import io.openpe.node.kernel.Side;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The node capacity that says which host bridges a node has, in bridge-marker's spelling (seed 004):
 * {@code bridge.network.kubevirt.io/<bridge>: 1k}. A NetworkAttachmentDefinition annotated with
 * {@code k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/br-hs-110} then lands its pods only on nodes that
 * advertise it. Pure: names and quantities as strings.
 */
public final class HostBridgeCapacity {

    public static final String RESOURCE_PREFIX = "bridge.network.kubevirt.io/";
    /** bridge-marker's amount: effectively unlimited attachments per node. */
    public static final String AMOUNT = "1k";

    private HostBridgeCapacity() {
    }

    /** Host bridges the apply left in place: applied results of objects {@code bridge br-hs-<vni>}. */
    public static TreeSet<String> hostBridgesOf(List<ObjectResult> results) {
        TreeSet<String> bridges = new TreeSet<>();
        for (ObjectResult result : results) {
            String name = result.object().startsWith("bridge ") ? result.object().substring("bridge ".length()) : "";
            if (!result.failed() && result.source().isPresent() && Bridge.isOurs(Side.HOST, name)) {
                bridges.add(name);
            }
        }
        return bridges;
    }

    /**
     * The node's capacity with one resource per host bridge, and without the resources of host bridges it no longer
     * has. Resources that are not ours (bridge-marker's {@code br0}, cpu, memory) are kept as they are.
     */
    public static Map<String, String> capacityWith(Map<String, String> current, TreeSet<String> bridges) {
        Map<String, String> next = new TreeMap<>();
        current.forEach((resource, amount) -> {
            if (!isOurs(resource)) {
                next.put(resource, amount);
            }
        });
        bridges.forEach(bridge -> next.put(RESOURCE_PREFIX + bridge, AMOUNT));
        return next;
    }

    static boolean isOurs(String resource) {
        return resource.startsWith(RESOURCE_PREFIX)
                && Bridge.isOurs(Side.HOST, resource.substring(RESOURCE_PREFIX.length()));
    }
}
