package io.openpe.migration.step;

import io.openpe.migration.kube.MigrationNames;
import io.openpe.migration.network.MigrationNetwork;

/**
 * What every step needs to know about one migration: the saga holds it in its snapshot and hands it to each call.
 * The receiver VM takes the source VM's name in {@code targetNamespace} (KubeVirt pairs the two VMIMs by
 * {@code migrationID} and each VMIM names its local VMI).
 */
public record Migration(String id, String sourceCluster, String targetCluster, String vmNamespace, String vmName,
    String targetNamespace, MigrationNetwork network) {
  public Migration {
    MigrationNames.requireValidId(id);
    if (sourceCluster.equals(targetCluster)) {
      throw new IllegalArgumentException("migration " + id + ": source and target cluster are both " + sourceCluster);
    }
    if (vmName == null || vmName.isBlank() || vmNamespace == null || vmNamespace.isBlank()) {
      throw new IllegalArgumentException("migration " + id + ": vm namespace and name must be set");
    }
    if (targetNamespace == null || targetNamespace.isBlank()) {
      targetNamespace = vmNamespace;
    }
  }
}
