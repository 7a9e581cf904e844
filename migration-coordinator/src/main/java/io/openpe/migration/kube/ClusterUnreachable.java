package io.openpe.migration.kube;

/** The cluster's API server did not answer (connection refused or reset, timeout, 5xx): worth retrying later. */
public final class ClusterUnreachable extends RuntimeException {
  private final String cluster;

  public ClusterUnreachable(String cluster, String message, Throwable cause) {
    super("API server of cluster " + cluster + " unreachable: " + message, cause);
    this.cluster = cluster;
  }

  public String cluster() {
    return cluster;
  }
}
