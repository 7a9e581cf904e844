package io.openpe.migration.network;

import io.openpe.rules.HostBridgeName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dedicated migration network (seed 003): one L2VNI stretched over every cluster and, per cluster, a
 * NetworkAttachmentDefinition in KubeVirt's namespace that KubeVirt's {@code spec.configuration.migrations.network}
 * names, so virt-handler and the synchronization controller get a {@code migration0} interface on it.
 */
public record MigrationNetwork(MigrationL2Vni l2vni, String attachmentName, String attachmentNamespace,
    int underlayMtu) {
  /** VXLAN over IPv4 adds 50 bytes: outer Ethernet 14, IPv4 20, UDP 8, VXLAN 8 (RFC 7348 §5). */
  public static final int VXLAN_IPV4_OVERHEAD = 50;
  /** IPv6 needs links of at least 1280 bytes (RFC 8200 §5). */
  public static final int MIN_MTU = 1280;

  public MigrationNetwork {
    if (underlayMtu - VXLAN_IPV4_OVERHEAD < MIN_MTU) {
      throw new IllegalArgumentException("underlay MTU " + underlayMtu + " leaves less than " + MIN_MTU
          + " bytes for the migration network after " + VXLAN_IPV4_OVERHEAD + " bytes of VXLAN");
    }
  }

  public String bridge() {
    return HostBridgeName.of(l2vni.vni());
  }

  /** Underlay MTU minus the VXLAN encapsulation, so migration frames are never fragmented on the fabric. */
  public int mtu() {
    return underlayMtu - VXLAN_IPV4_OVERHEAD;
  }

  /**
   * The attachment of every cluster.
   *
   * @param clusters every cluster that takes part in migrations (see {@link RangeSplit#forClusters})
   */
  public Map<String, NetworkAttachment> attachments(List<String> clusters) {
    Map<String, NetworkAttachment> out = new LinkedHashMap<>();
    RangeSplit.forClusters(l2vni.subnet(), l2vni.gateway(), clusters).forEach((cluster, range) ->
        out.put(cluster, new NetworkAttachment(attachmentName, attachmentNamespace, bridge(), mtu(), range)));
    return out;
  }
}
