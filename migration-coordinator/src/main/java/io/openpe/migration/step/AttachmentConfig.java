package io.openpe.migration.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.migration.network.Cidr;
import io.openpe.migration.network.NetworkAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The parts of a NetworkAttachmentDefinition's CNI config ({@code spec.config}, a JSON string) the coordinator
 * compares: the bridge it plugs into, the MTU and the whereabouts range. Anything unparsable reads as "no bridge".
 */
record AttachmentConfig(String bridge, Integer mtu, String ipamType, String range, List<String> exclude) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static AttachmentConfig parse(String config) {
    if (config == null) {
      return new AttachmentConfig(null, null, null, null, List.of());
    }
    try {
      JsonNode root = JSON.readTree(config);
      JsonNode ipam = root.path("ipam");
      List<String> exclude = new ArrayList<>();
      ipam.path("exclude").forEach(node -> exclude.add(node.asText()));
      return new AttachmentConfig(text(root.path("bridge")), root.path("mtu").isInt() ? root.path("mtu").asInt() : null,
          text(ipam.path("type")), text(ipam.path("range")), exclude);
    } catch (java.io.IOException e) {
      return new AttachmentConfig(null, null, null, null, List.of());
    }
  }

  /** How this differs from {@code desired}, empty when it hands out the same addresses on the same bridge. */
  Optional<String> differenceFrom(NetworkAttachment desired) {
    List<String> differences = new ArrayList<>();
    if (!desired.bridge().equals(bridge)) {
      differences.add("bridge " + bridge + " instead of " + desired.bridge());
    }
    if (mtu == null || mtu != desired.mtu()) {
      differences.add("mtu " + mtu + " instead of " + desired.mtu());
    }
    if (!"whereabouts".equals(ipamType)) {
      differences.add("ipam " + ipamType + " instead of whereabouts");
    }
    if (!desired.ipam().range().toString().equals(normalized(range))) {
      differences.add("range " + range + " instead of " + desired.ipam().range());
    }
    TreeSet<String> wanted = new TreeSet<>(desired.ipam().exclude().stream().map(Cidr::toString).toList());
    TreeSet<String> present = new TreeSet<>(exclude.stream().map(AttachmentConfig::normalized).toList());
    if (!wanted.equals(present)) {
      differences.add("exclude " + exclude + " instead of " + desired.ipam().exclude());
    }
    return differences.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", differences));
  }

  private static String normalized(String cidr) {
    try {
      return Cidr.parse(cidr).toString();
    } catch (IllegalArgumentException e) {
      return cidr;
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
