package io.openpe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.openpe.proto.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every overlay under {@code k8s/overlays} renders with kustomize and keeps {@link ManifestCheck}'s rules; and each
 * overlay renders what it promises (the DaemonSet's node facts, the BMP Service, the topics, the coordinator).
 */
class OverlaysTest {
  static final Path K8S = Path.of("..", "k8s");
  private static final Kustomize KUSTOMIZE = Kustomize.fromEnvironment();

  @Test
  void everyOverlayRendersAndKeepsTheRules() throws Exception {
    List<String> overlays;
    try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
      overlays = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("cluster-a", "cluster-b", "single"), overlays);
    for (String overlay : overlays) {
      List<JsonNode> objects = render(overlay);
      assertTrue(objects.size() > 20, overlay + " rendered only " + objects.size() + " objects");
      assertEquals(List.of(), ManifestCheck.check(objects), "overlay " + overlay);
    }
  }

  @Test
  void nodeProgrammerRunsBesideFrrOnTheHostNetwork() throws Exception {
    JsonNode pod = one(render("single"), "DaemonSet", "node-programmer").at("/spec/template/spec");
    assertTrue(pod.path("hostNetwork").asBoolean(), "hostNetwork");
    assertEquals(List.of("node-programmer", "frr"), names(pod.path("containers")));
    JsonNode agent = pod.at("/containers/0");
    assertEquals("spec.nodeName", env(agent, "OPENPE_NODE_NAME").at("/valueFrom/fieldRef/fieldPath").asText());
    assertEquals("/run/netns", mount(agent, "netns").path("mountPath").asText());
    assertEquals("HostToContainer", mount(agent, "netns").path("mountPropagation").asText());
    assertEquals("/var/run/frr", env(agent, "OPENPE_NODE_FRR_VTY_DIR").path("value").asText());
    assertEquals("/run/netns", pod.at("/volumes").findParent("hostPath").at("/hostPath/path").asText());
    List<String> added = names(agent.at("/securityContext/capabilities/add"));
    assertEquals(List.of("NET_ADMIN", "SYS_ADMIN", "DAC_OVERRIDE"), added);
  }

  @Test
  void theBmpPortIsAService() throws Exception {
    JsonNode bmp = one(render("single"), "Service", "route-service-bmp");
    assertEquals(5000, bmp.at("/spec/ports/0/port").asInt());
    assertEquals("bmp", bmp.at("/spec/ports/0/targetPort").asText());
  }

  @Test
  void theTopicsAreRenderedOnceInTheFleet() throws Exception {
    assertEquals(Topics.ALL.size(), count(render("single"), "KafkaTopic"));
    assertEquals(Topics.ALL.size(), count(render("cluster-a"), "KafkaTopic"));
    assertEquals(0, count(render("cluster-b"), "KafkaTopic"));
  }

  @Test
  void theCoordinatorReadsBothKubeconfigsFromASecret() throws Exception {
    List<JsonNode> objects = render("cluster-a");
    JsonNode pod = one(objects, "Deployment", "migration-coordinator").at("/spec/template/spec");
    assertEquals("openpe-migration-kubeconfigs", pod.at("/volumes").findParent("secret").at("/secret/secretName").asText());
    String properties = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
        && o.at("/metadata/name").asText().startsWith("migration-coordinator-config")).findFirst().orElseThrow()
        .at("/data/application.properties").asText();
    assertTrue(properties.contains("openpe.migration.clusters.cluster-a.kubeconfig=/etc/openpe/kubeconfigs/cluster-a"));
    assertTrue(properties.contains("openpe.migration.clusters.cluster-b.kubeconfig=/etc/openpe/kubeconfigs/cluster-b"));
    assertEquals(0, count(render("single"), "Deployment", "migration-coordinator"));
    assertEquals(0, count(render("cluster-b"), "Deployment", "migration-coordinator"));
  }

  @Test
  void eachClusterHasItsNameAndItsOwnUnderlay() throws Exception {
    List<JsonNode> a = render("cluster-a");
    List<JsonNode> b = render("cluster-b");
    assertEquals("cluster-a", clusterConfig(a).at("/data/OPENPE_CLUSTER").asText());
    assertEquals("cluster-b", clusterConfig(b).at("/data/OPENPE_CLUSTER").asText());
    String vtepA = one(a, "Underlay", "underlay").at("/spec/evpn/vtepcidr").asText();
    String vtepB = one(b, "Underlay", "underlay").at("/spec/evpn/vtepcidr").asText();
    assertEquals("100.65.0.0/24", vtepA);
    assertEquals("100.65.1.0/24", vtepB);
  }

  static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
    return RenderedObjects.parse(KUSTOMIZE.render(K8S.resolve("overlays").resolve(overlay)));
  }

  private static JsonNode clusterConfig(List<JsonNode> objects) {
    return objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
        && o.at("/metadata/name").asText().startsWith("openpe-cluster")).findFirst().orElseThrow();
  }

  private static JsonNode one(List<JsonNode> objects, String kind, String name) {
    Optional<JsonNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
        && o.at("/metadata/name").asText().equals(name)).findFirst();
    return found.orElseThrow(() -> new AssertionError(kind + " " + name + " not rendered"));
  }

  private static long count(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).count();
  }

  private static long count(List<JsonNode> objects, String kind, String name) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
        && o.at("/metadata/name").asText().equals(name)).count();
  }

  private static List<String> names(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.isTextual() ? n.asText() : n.path("name").asText()).toList();
  }

  private static JsonNode env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (e.path("name").asText().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no env " + name);
  }

  private static JsonNode mount(JsonNode container, String volume) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("name").asText().equals(volume)) {
        return m;
      }
    }
    throw new AssertionError("no mount of " + volume);
  }
}
