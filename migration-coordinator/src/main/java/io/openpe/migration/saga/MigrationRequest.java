package io.openpe.migration.saga;

import java.time.Duration;

/**
 * What the operator asked for. The receiver VM keeps the VM's name in {@code targetNamespace}.
 *
 * @param deadline the whole migration's deadline up to the pivot; {@link Duration#ZERO} takes the policy's default
 */
public record MigrationRequest(String migrationId, String vmNamespace, String vmName, String sourceCluster,
    String targetCluster, String targetNamespace, String migrationNetwork, Duration deadline) {
  public MigrationRequest {
    requireSet(migrationId, "migration id");
    requireSet(vmNamespace, "vm namespace");
    requireSet(vmName, "vm name");
    requireSet(sourceCluster, "source cluster");
    requireSet(targetCluster, "target cluster");
    if (targetNamespace == null || targetNamespace.isBlank()) {
      targetNamespace = vmNamespace;
    }
    if (migrationNetwork == null) {
      migrationNetwork = "";
    }
    if (deadline == null || deadline.isNegative()) {
      deadline = Duration.ZERO;
    }
  }

  /** The key of the one-migration-per-VM rule: the VM where it runs now. */
  public String vmKey() {
    return sourceCluster + "/" + vmNamespace + "/" + vmName;
  }

  /** Why this request cannot be run, empty when it can. */
  String invalidReason() {
    if (sourceCluster.equals(targetCluster)) {
      return "source and target cluster are both " + sourceCluster;
    }
    return "";
  }

  private static void requireSet(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must be set");
    }
  }
}
