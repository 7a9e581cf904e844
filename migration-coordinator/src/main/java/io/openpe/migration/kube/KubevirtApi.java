package io.openpe.migration.kube;

/**
 * The KubeVirt names the coordinator relies on, each as KubeVirt's {@code staging/src/kubevirt.io/api/core/v1/types.go}
 * spells it.
 */
public final class KubevirtApi {
  /** Feature gate of decentralized (cross-cluster) live migration, in {@code developerConfiguration.featureGates}. */
  public static final String DECENTRALIZED_LIVE_MIGRATION = "DecentralizedLiveMigration";
  /** {@code RunStrategyWaitAsReceiver}: "Receiver pod will be created waiting for an incoming migration". */
  public static final String WAIT_AS_RECEIVER = "WaitAsReceiver";
  public static final String ALWAYS = "Always";
  public static final String HALTED = "Halted";
  /** {@code RestoreRunStrategy}: the run strategy KubeVirt sets on the receiver once the migration succeeded. */
  public static final String RESTORE_RUN_STRATEGY = "kubevirt.io/restore-run-strategy";
  /** {@code CreateMigrationTarget}: KubeVirt's mark on the receiver VMI it creates for a WaitAsReceiver VM. */
  public static final String CREATE_MIGRATION_TARGET = "kubevirt.io/create-migration-target";
  /** The synchronization controller's default port ({@code DefaultSynchronizationPort}). */
  public static final int DEFAULT_SYNCHRONIZATION_PORT = 9185;

  private KubevirtApi() {
  }
}
