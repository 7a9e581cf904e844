package io.openpe.migration.step;

/** The migrating VM as the fabric sees it: the MAC of its first interface on an openpe L2VNI, and that VNI. */
public record VmOnFabric(long vni, String mac) {
}
