package io.openpe.migration.network;

import java.util.StringJoiner;

/**
 * The migration NetworkAttachmentDefinition of one cluster: bridge CNI on the L2VNI's host bridge, whereabouts IPAM on
 * this cluster's share of the range.
 */
public record NetworkAttachment(String name, String namespace, String bridge, int mtu, WhereaboutsRange ipam) {
  public static final String CNI_VERSION = "0.3.1";

  /** {@code spec.config}, laid out as seed 003 writes it. */
  public String config() {
    StringJoiner exclude = new StringJoiner(",\n", "", "\n");
    for (Cidr block : ipam.exclude()) {
      exclude.add("      \"" + block + "\"");
    }
    return "{\n"
        + "  \"cniVersion\": \"" + CNI_VERSION + "\",\n"
        + "  \"name\": \"" + name + "\",\n"
        + "  \"type\": \"bridge\",\n"
        + "  \"bridge\": \"" + bridge + "\",\n"
        + "  \"mtu\": " + mtu + ",\n"
        + "  \"ipam\": {\n"
        + "    \"type\": \"whereabouts\",\n"
        + "    \"range\": \"" + ipam.range() + "\",\n"
        + "    \"exclude\": [\n"
        + exclude
        + "    ]\n"
        + "  }\n"
        + "}\n";
  }
}
