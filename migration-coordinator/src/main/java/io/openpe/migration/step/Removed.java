package io.openpe.migration.step;

import io.openpe.migration.kube.Removal;
import java.util.List;

/** Where a compensation left each object it is responsible for: gone, or someone else's and untouched. */
public record Removed(List<Removal> objects) {
  public Removed {
    objects = List.copyOf(objects);
  }
}
