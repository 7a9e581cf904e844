package io.openpe.migration.step;

import io.openpe.migration.kube.Removal;
import java.util.List;

/**
 * After the pivot: the target VM runs with its restored run strategy, the source VM is {@code Halted} (KubeVirt's
 * doing; reported, not forced), and both VMIMs are gone.
 */
public record Finalized(String targetRunStrategy, String sourceRunStrategy, List<Removal> migrations) {
  public Finalized {
    migrations = List.copyOf(migrations);
  }
}
