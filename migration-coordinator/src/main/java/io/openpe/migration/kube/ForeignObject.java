package io.openpe.migration.kube;

import java.util.Optional;

/** An object with the name the coordinator needs exists and was not created by this migration; it is left alone. */
public final class ForeignObject extends RuntimeException {
  private final ObjectRef object;
  private final String owner;

  public ForeignObject(ObjectRef object, Optional<String> owner) {
    this(object, owner, "already exists and " + owner.map(id -> "belongs to migration " + id)
        .orElse("was not created by the migration coordinator"));
  }

  /** @param detail what is wrong with the existing object, e.g. how it differs from what the migration needs */
  public ForeignObject(ObjectRef object, Optional<String> owner, String detail) {
    super(object + " " + detail + "; it is left untouched");
    this.object = object;
    this.owner = owner.orElse("");
  }

  public ObjectRef object() {
    return object;
  }

  /** The migration id that created it, empty when the coordinator did not. */
  public String owner() {
    return owner;
  }
}
