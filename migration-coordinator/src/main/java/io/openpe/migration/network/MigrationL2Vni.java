package io.openpe.migration.network;

/**
 * The L2VNI that carries migration traffic (seed 003: {@code openperouter-system/migration}, VNI 666 in VRF
 * {@code rouge}, gateway {@code 192.170.10.1/24}), the same in every cluster.
 */
public record MigrationL2Vni(String name, String namespace, long vni, String vrf, String gateway) {
  public MigrationL2Vni {
    if (vni < 1 || vni > 16_777_215) {
      throw new IllegalArgumentException("migration L2VNI " + namespace + "/" + name + ": vni must be 1..16777215, got "
          + vni);
    }
    if (vrf == null || vrf.isBlank()) {
      throw new IllegalArgumentException("migration L2VNI " + namespace + "/" + name + ": vrf must be set");
    }
    try {
      Cidr.enclosing(gateway);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("migration L2VNI " + namespace + "/" + name + ": l2gatewayip "
          + e.getMessage(), e);
    }
  }

  /** The subnet behind the gateway: the whereabouts range all clusters share. */
  public Cidr subnet() {
    return Cidr.enclosing(gateway);
  }
}
