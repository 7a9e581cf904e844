package io.openpe.migration.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator asked for. The receiver VM keeps the VM's name in {@code targetNamespace}.
 *
 * @param deadline the whole migration's deadline up to the pivot; {@link Duration#ZERO} takes the policy's default
 */
public record MigrationRequest(String migrationId, String vmNamespace, String vmName, String sourceCluster,
    String targetCluster, String targetNamespace, String migrationNetwork, Duration deadline) {
  /** One value a request lacks: the record component that holds it and why it is refused. */
  public record Violation(String component, String reason) {
  }

  public MigrationRequest {
    List<Violation> violations = violations(migrationId, vmNamespace, vmName, sourceCluster, targetCluster);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", violations.stream().map(Violation::reason).toList()));
    }
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

  /** Every required value the request lacks, so an API can name each broken field at once. */
  public static List<Violation> violations(String migrationId, String vmNamespace, String vmName,
      String sourceCluster, String targetCluster) {
    List<Violation> violations = new ArrayList<>();
    requireSet(migrationId, "migrationId", "migration id", violations);
    requireSet(vmNamespace, "vmNamespace", "vm namespace", violations);
    requireSet(vmName, "vmName", "vm name", violations);
    requireSet(sourceCluster, "sourceCluster", "source cluster", violations);
    requireSet(targetCluster, "targetCluster", "target cluster", violations);
    return violations;
  }

  private static void requireSet(String value, String component, String what, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      violations.add(new Violation(component, what + " must be set"));
    }
  }
}
