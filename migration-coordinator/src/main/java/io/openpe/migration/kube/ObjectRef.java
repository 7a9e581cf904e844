package io.openpe.migration.kube;

/** One object on one cluster's API server; the shape of the saga's {@code CreatedObject}. */
public record ObjectRef(String cluster, ResourceKind kind, String namespace, String name) {
  @Override
  public String toString() {
    return kind.kind() + " " + namespace + "/" + name + " on " + cluster;
  }
}
