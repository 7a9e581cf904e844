package io.openpe.node.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The Node's status on the fabric8 mock API server in CRUD mode. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class NodeCapacityKubeTest {

    private static final String BR0 = "bridge.network.kubevirt.io/br0";
    private static final String HS110 = "bridge.network.kubevirt.io/br-hs-110";
    private static final String HS120 = "bridge.network.kubevirt.io/br-hs-120";

    @Inject
    KubernetesClient client;

    @Test
    void hostBridgesAreAdvertisedAsCapacityAndAllocatableAndWithdrawnWhenGone() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").endMetadata()
                .withNewStatus().addToCapacity("cpu", new Quantity("4")).addToCapacity(BR0, new Quantity("1k"))
                .addToAllocatable("cpu", new Quantity("4")).endStatus().build()).create();
        NodeCapacity capacity = new NodeCapacity(client, "worker-1");

        capacity.advertise(new TreeSet<>(List.of("br-hs-110", "br-hs-120")));
        Node node = client.nodes().withName("worker-1").get();
        assertEquals(new Quantity("1k"), node.getStatus().getCapacity().get(HS110));
        assertEquals(new Quantity("1k"), node.getStatus().getCapacity().get(HS120));
        assertEquals(new Quantity("1k"), node.getStatus().getAllocatable().get(HS110));
        assertEquals(new Quantity("1k"), node.getStatus().getCapacity().get(BR0));
        assertEquals(new Quantity("4"), node.getStatus().getCapacity().get("cpu"));
        String version = node.getMetadata().getResourceVersion();

        capacity.advertise(new TreeSet<>(List.of("br-hs-110", "br-hs-120")));
        assertEquals(version, client.nodes().withName("worker-1").get().getMetadata().getResourceVersion(),
                "an unchanged set of bridges must not write");

        capacity.advertise(new TreeSet<>(List.of("br-hs-110")));
        node = client.nodes().withName("worker-1").get();
        assertNull(node.getStatus().getCapacity().get(HS120));
        assertNull(node.getStatus().getAllocatable().get(HS120));
        assertEquals(new Quantity("1k"), node.getStatus().getCapacity().get(HS110));
    }
}
