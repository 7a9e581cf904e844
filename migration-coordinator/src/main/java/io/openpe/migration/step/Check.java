package io.openpe.migration.step;

/** One pre-check on one cluster ({@code cluster} empty when it compares both). */
public record Check(String name, String cluster, boolean passed, String detail) {
  public static final String API_SERVER_REACHABLE = "api-server-reachable";
  public static final String FEATURE_GATE = "feature-gate";
  public static final String WORKLOAD_L2VNI = "workload-l2vni";
  public static final String VM_MAC_SET = "vm-mac-set";
  public static final String MIGRATION_NETWORK = "migration-network";
  public static final String NO_MIGRATION_IN_FLIGHT = "no-migration-in-flight";

  public static Check pass(String name, String cluster, String detail) {
    return new Check(name, cluster, true, detail);
  }

  public static Check fail(String name, String cluster, String detail) {
    return new Check(name, cluster, false, detail);
  }
}
