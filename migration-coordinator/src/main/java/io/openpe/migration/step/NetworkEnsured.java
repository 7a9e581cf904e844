package io.openpe.migration.step;

import java.util.List;

/** The migration L2VNI and NetworkAttachmentDefinition of both clusters of the migration, source first. */
public record NetworkEnsured(List<EnsuredObject> objects) {
  public NetworkEnsured {
    objects = List.copyOf(objects);
  }

  /** What compensation will remove. */
  public List<EnsuredObject> ours() {
    return objects.stream().filter(EnsuredObject::ours).toList();
  }
}
