package io.openpe.migration.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 writes the two clusters' migration NetworkAttachmentDefinitions by hand; the fixtures beside this test are
 * its YAML copied verbatim. The coordinator must produce the same attachments from the L2VNI alone.
 */
class MigrationNetworkSeedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Seed 003's migration L2VNI; the seed does not state its underlay MTU, 1450 is the one that gives its 1400. */
  static final MigrationNetwork SEED = new MigrationNetwork(
      new MigrationL2Vni("migration", "openperouter-system", 666, "rouge", "192.170.10.1/24"),
      "migration-evpn", "kubevirt", 1450);
  static final List<String> SEED_CLUSTERS = List.of("pe-kind-a", "pe-kind-b");

  @Test
  void twoClustersComeOutAsTheSeedWritesThem() throws IOException {
    Map<String, NetworkAttachment> attachments = SEED.attachments(SEED_CLUSTERS);

    assertSameAttachment(seed("cluster-a"), attachments.get("pe-kind-a"));
    assertSameAttachment(seed("cluster-b"), attachments.get("pe-kind-b"));
  }

  @Test
  void theClusterListOrderDoesNotMatter() {
    assertEquals(SEED.attachments(SEED_CLUSTERS), SEED.attachments(List.of("pe-kind-b", "pe-kind-a")));
  }

  private static void assertSameAttachment(GenericKubernetesResource seed, NetworkAttachment produced)
      throws IOException {
    assertEquals(seed.getMetadata().getName(), produced.name());
    assertEquals(seed.getMetadata().getNamespace(), produced.namespace());
    String seedConfig = (String) seed.get("spec", "config");
    assertEquals(JSON.readTree(seedConfig), JSON.readTree(produced.config()), "same CNI config");
    assertEquals(seedConfig, produced.config(), "same text, so a diff against the seed's hand-written NAD is empty");
  }

  private static GenericKubernetesResource seed(String which) throws IOException {
    try (InputStream in = MigrationNetworkSeedTest.class.getResourceAsStream(
        "MigrationNetworkSeedTest." + which + ".yaml")) {
      return Serialization.unmarshal(in, GenericKubernetesResource.class);
    }
  }
}
